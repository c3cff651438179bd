from django.urls import path

from casereview.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("sign-in/code/", views.SecondFactorView.as_view(), name="second-factor"),
    path("sign-in/set-up-app/", views.SecondFactorSetupView.as_view(), name="second-factor-setup"),
    path("account/partnership/", views.ChoosePartnershipView.as_view(), name="choose-partnership"),
    path("account/password/", views.ChangePasswordView.as_view(), name="change-password"),
    path("agencies/", views.AgencyListView.as_view(), name="agencies"),
    path("agencies/add/", views.AgencyAddView.as_view(), name="agency-add"),
    path("agencies/<int:pk>/", views.AgencyDetailView.as_view(), name="agency"),
    path("agencies/<int:pk>/change/", views.AgencyChangeView.as_view(), name="agency-change"),
    path(
        "partnership/areas/",
        views.LocalAuthoritiesView.as_view(),
        name="local-authorities",
    ),
    path("people/", views.PeopleListView.as_view(), name="people"),
    path("people/invite/", views.PersonInviteView.as_view(), name="person-add"),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person"),
    path("people/<int:pk>/change/", views.PersonChangeView.as_view(), name="person-change"),
    path(
        "people/<int:pk>/new-password/",
        views.PersonNewPasswordView.as_view(),
        name="person-new-password",
    ),
    path("service/people/", views.ServicePeopleView.as_view(), name="service-people"),
    path("service/people/<int:pk>/", views.ServicePersonView.as_view(), name="service-person"),
    path(
        "service/people/<int:pk>/change/",
        views.ServicePersonChangeView.as_view(),
        name="service-person-change",
    ),
    path(
        "service/people/<int:pk>/new-password/",
        views.ServicePersonNewPasswordView.as_view(),
        name="service-person-new-password",
    ),
    path(
        "people/<int:pk>/reset-second-factor/",
        views.PersonResetSecondFactorView.as_view(),
        name="person-reset-second-factor",
    ),
    path(
        "service/people/<int:pk>/reset-second-factor/",
        views.ServicePersonResetSecondFactorView.as_view(),
        name="service-person-reset-second-factor",
    ),
    path("service/sign-ins/", views.SignInAttemptsView.as_view(), name="sign-in-attempts"),
    path(
        "service/partnerships/",
        views.ServicePartnershipsView.as_view(),
        name="service-partnerships",
    ),
    path(
        "service/partnerships/add/",
        views.ServicePartnershipAddView.as_view(),
        name="service-partnership-add",
    ),
    path(
        "service/partnerships/<int:pk>/",
        views.ServicePartnershipView.as_view(),
        name="service-partnership",
    ),
    path(
        "service/partnerships/<int:pk>/invite/",
        views.ServicePartnershipInviteView.as_view(),
        name="service-partnership-invite",
    ),
    path("invitation/<slug:token>/", views.InvitationView.as_view(), name="invitation"),
]
