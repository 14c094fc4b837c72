"""The one error the importer raises for a document it cannot take."""


class UnreadableDocument(Exception):
    """A document the importer cannot read, with what went wrong and where.

    The message is for the person who uploaded the file: it names the file and
    the place (page, sheet, row) where that helps, and never holds a traceback.
    """
