from django.contrib.auth import views as auth_views
from django.urls import include, path

from actiontrack import views
from actiontrack.accounts import oidc
from actiontrack.accounts.forms import SignInForm

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(
        "sign-in",
        auth_views.LoginView.as_view(template_name="accounts/sign_in.html", authentication_form=SignInForm),
        name="login",
    ),
    path("sign-out", auth_views.LogoutView.as_view(), name="logout"),
    *oidc.urlpatterns(),  # single sign-on, only when configured
    path("", include("actiontrack.accounts.urls")),
    path("", include("actiontrack.importer.urls")),
    path("", include("actiontrack.plans.urls")),
    path("", include("actiontrack.rounds.urls")),
    path("", include("actiontrack.dashboards.urls")),
    path("", include("actiontrack.reports.urls")),
]
