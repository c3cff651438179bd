from django.urls import include, path

from casereview.core import views as core_views

urlpatterns = [
    path("", core_views.HomeView.as_view(), name="home"),
    path("", include("casereview.accounts.urls")),
    path("", include("casereview.core.urls")),
    path("", include("casereview.referrals.urls")),
    path("", include("casereview.reviews.urls")),
    path("", include("casereview.learning.urls")),
    path("", include("casereview.actionplans.urls")),
    path("", include("casereview.scrutiny.urls")),
    path("", include("casereview.documents.urls")),
    path("", include("casereview.search.urls")),
    path("", include("casereview.publication.urls")),
    path("", include("casereview.library.urls")),
    path("", include("casereview.reports.urls")),
    path("", include("casereview.exchange.urls")),
    path(
        "cookies/", core_views.PublicPage.as_view(template_name="core/cookies.html"), name="cookies"
    ),
    path(
        "accessibility/",
        core_views.PublicPage.as_view(template_name="core/accessibility.html"),
        name="accessibility",
    ),
    path(
        "privacy/", core_views.PublicPage.as_view(template_name="core/privacy.html"), name="privacy"
    ),
]

handler400 = "casereview.core.views.bad_request"
handler403 = "casereview.core.views.permission_denied"
handler404 = "casereview.core.views.page_not_found"
handler500 = "casereview.core.views.server_error"
