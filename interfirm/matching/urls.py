from django.urls import path

from interfirm.matching import views

app_name = "matching"

urlpatterns = [
    path("", views.firm_suggestions, name="firm_suggestions"),
    path("firms/<str:reference>/", views.firm_suggestions_for, name="firm_suggestions_for"),
    path("opportunities/<str:reference>/", views.opportunity_suggestions, name="opportunity_suggestions"),
    path("opportunities/<str:reference>/like/", views.like, name="like"),
    path("suggestions/<int:pk>/save/", views.save, name="save"),
    path("suggestions/<int:pk>/dismiss/", views.dismiss, name="dismiss"),
    path("suggestions/<int:pk>/interest/", views.interest, name="interest"),
    path("suggestions/<int:pk>/forward/", views.forward, name="forward"),
    path("saved/", views.saved_searches, name="saved_searches"),
    path("saved/new/", views.saved_search_create, name="saved_search_create"),
    path("saved/<int:pk>/", views.saved_search_edit, name="saved_search_edit"),
    path("saved/<int:pk>/delete/", views.saved_search_delete, name="saved_search_delete"),
]
