from pressdesk.accreditation import urls_checkin, urls_staff

app_name = "accreditation"
urlpatterns = [*urls_staff.urlpatterns, *urls_checkin.urlpatterns]
