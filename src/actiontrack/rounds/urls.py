from django.urls import path

from actiontrack.rounds import views

urlpatterns = [
    path("rounds", views.round_list, name="round-list"),
    path("rounds/new", views.round_create, name="round-create"),
    path("rounds/<int:pk>", views.round_detail, name="round-detail"),
    path("rounds/<int:pk>/remind", views.round_remind, name="round-remind"),
    path("rounds/<int:pk>/close", views.round_close, name="round-close"),
    path(
        "rounds/<int:pk>/recipients/<int:recipient_pk>/revoke",
        views.recipient_revoke,
        name="recipient-revoke",
    ),
    path("answer/<str:token>", views.round_answer, name="round-answer"),
    path("actions/<int:pk>/sign-off", views.sign_off_request, name="sign-off-request"),
    path("sign-offs/<int:pk>", views.sign_off_detail, name="sign-off-detail"),
    path("sign-offs/<int:pk>/approve", views.sign_off_approve, name="sign-off-approve"),
    path("sign-offs/<int:pk>/return", views.sign_off_return, name="sign-off-return"),
    path("recommendations/<int:pk>/impact", views.impact_create, name="impact-create"),
    path("evidence/<int:pk>", views.evidence_file, name="evidence-file"),
    path("slippage", views.slippage, name="slippage"),
    path("plans/<int:pk>/slippage", views.plan_slippage, name="plan-slippage"),
]
