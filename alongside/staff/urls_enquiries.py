from django.urls import path

from alongside.staff import views_enquiries as views

# Included by staff/urls.py: names are in the "staff" namespace.
urlpatterns = [
    path("", views.EnquiryInboxView.as_view(), name="enquiries"),
    path("<str:enquiry_id>/", views.EnquiryView.as_view(), name="enquiry"),
    path("<str:enquiry_id>/assign/", views.EnquiryAssignView.as_view(), name="enquiry_assign"),
    path("<str:enquiry_id>/status/", views.EnquiryStatusView.as_view(), name="enquiry_status"),
    path("<str:enquiry_id>/note/", views.EnquiryNoteView.as_view(), name="enquiry_note"),
    path("<str:enquiry_id>/reply/", views.EnquiryReplyView.as_view(), name="enquiry_reply"),
]
