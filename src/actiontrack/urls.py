from django.contrib.auth import views as auth_views
from django.urls import include, path

from actiontrack import views
from actiontrack.accounts.forms import SignInForm

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(
        "sign-in",
        auth_views.LoginView.as_view(template_name="accounts/sign_in.html", authentication_form=SignInForm),
        name="login",
    ),
    path("sign-out", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("actiontrack.importer.urls")),
    path("", include("actiontrack.plans.urls")),
]
