from django.urls import path

from interfirm.firms import views

app_name = "firms"

urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("mine/edit/", views.edit, name="edit"),
    path("mine/contacts/", views.contacts, name="contacts"),
    path("portfolio/", views.portfolio, name="portfolio"),
    path("register/", views.register, name="register"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/sheet/", views.sheet, name="sheet"),
    path("<str:reference>/edit/", views.edit_for, name="edit_for"),
    path("<str:reference>/contacts/", views.contacts_for, name="contacts_for"),
    path("<str:reference>/contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("<str:reference>/contacts/<int:pk>/remove/", views.contact_remove, name="contact_remove"),
    path("<str:reference>/merge/", views.merge, name="merge"),
    path("<str:reference>/representation/end/", views.representation_end, name="representation_end"),
]
