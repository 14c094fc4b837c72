import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "actiontrack"
ENV_EXAMPLE = Path(__file__).resolve().parent.parent / ".env.example"


def test_env_example_lists_every_environment_variable_the_code_reads():
    read = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        read |= set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', text))
        read |= set(re.findall(r'environ\.get\("([A-Z_]+)"', text))
    listed = set(re.findall(r"^([A-Z_]+)=", ENV_EXAMPLE.read_text(encoding="utf-8"), re.MULTILINE))
    assert read, "found no environment variables: the pattern is out of date"
    assert read - listed == set()
