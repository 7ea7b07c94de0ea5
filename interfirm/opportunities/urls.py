"""Pages of opportunities under /opportunities/."""

from django.urls import path

from interfirm.opportunities import views

app_name = "opportunities"

urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("new/", views.create, name="create"),
    path("review/", views.review_queue, name="review_queue"),
    path("print/", views.print_list, name="print_list"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/edit/", views.edit, name="edit"),
    path("<str:reference>/submit/", views.submit, name="submit"),
    path("<str:reference>/resubmit/", views.resubmit, name="resubmit"),
    path("<str:reference>/withdraw/", views.withdraw, name="withdraw"),
    path("<str:reference>/close/", views.close, name="close"),
    path("<str:reference>/renew/", views.renew, name="renew"),
    path("<str:reference>/review/", views.review, name="review"),
]
