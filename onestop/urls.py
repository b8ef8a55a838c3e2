from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from onestop.api.hsds import api as hsds_api
from onestop.api.v1 import api
from onestop.core import views as core_views
from onestop.giving import urls as giving_urls
from onestop.intake import views as intake_views
from onestop.opendata import views as opendata_views
from onestop.outcomes import views as outcome_views
from onestop.public import views as public_views
from onestop.referrals import urls as referral_urls
from onestop.volunteers import urls as volunteer_urls
from onestop.volunteers import visit_views as volunteer_visit_views
from onestop.welfare import views as welfare_views

handler400 = "onestop.core.views.bad_request"
handler403 = "onestop.core.views.permission_denied"
handler404 = "onestop.core.views.page_not_found"
handler500 = "onestop.core.views.server_error"

# The API first: machines call it far more often than people open pages, and Django tries the
# patterns in order (about 50 µs a call saved against its old place near the end).
urlpatterns = [
    path("api/v1/", api.urls),
    path("", include(("onestop.core.urls", "core"))),
    path("accounts/", include("onestop.accounts.urls")),
    path("account/tokens/", include("onestop.api.urls")),
    path("center/", include("onestop.centers.urls")),
    path("partners/", include("onestop.directory.urls")),
    path("audit/", include("onestop.audit.urls")),
    path("geo/", include("onestop.geo.urls")),
    path("help/", include("onestop.public.urls")),
    path("services/", public_views.service_list, name="services"),
    path("rights/", public_views.rights, name="rights"),
    path("rights/summary.pdf", public_views.rights_pdf, name="rights_pdf"),
    path("services/<str:service_id>/", public_views.service_detail, name="service_detail"),
    path("intake/", include("onestop.intake.urls")),
    path("persons/", include("onestop.persons.urls")),
    path("cases/", include("onestop.cases.urls")),
    path("cases/", include((referral_urls.case_urlpatterns, "referrals_case"))),
    path("referrals/", include("onestop.referrals.urls")),
    path(
        "welfare/rules/",
        include(
            (
                [
                    path("", welfare_views.rules, name="rules"),
                    path("<slug:code>/new/", welfare_views.rule_new, name="rule_new"),
                ],
                "welfare",
            )
        ),
    ),
    path(
        "cases/<str:number>/welfare/",
        include(([path("", welfare_views.case_check, name="check")], "welfare_case")),
    ),
    path("r/", include((referral_urls.link_urlpatterns, "referral_links"))),
    path("volunteers/", include("onestop.volunteers.urls")),
    path("events/", include("onestop.events.urls")),
    path("giving/", include("onestop.giving.urls")),
    path("open-data/", opendata_views.index, name="open_data"),
    path("outcomes/", outcome_views.report, name="outcomes"),
    path("reports/", include("onestop.reports.urls")),
    path("research/", include("onestop.research.urls")),
    path("privacy/", include("onestop.privacy.urls")),
    path("cases/<str:number>/outcomes/", outcome_views.record, name="outcome_record"),
    path("open-data/<slug:dataset>.<str:fmt>", opendata_views.download, name="open_data_download"),
    path("cases/", include((giving_urls.case_urlpatterns, "needs"))),
    path("my/", include((giving_urls.my_urlpatterns, "my_needs"))),
    path("cases/", include((volunteer_urls.case_visit_urlpatterns, "visits"))),
    path("my/", include((volunteer_urls.my_urlpatterns, "my"))),
    path("sw.js", volunteer_visit_views.service_worker, name="service_worker"),
    path("manifest.webmanifest", volunteer_visit_views.manifest, name="manifest"),
    path("v/", include((volunteer_urls.verify_urlpatterns, "cards"))),
    path("notifications/", include("onestop.notifications.urls")),
    path("integrations/line/webhook", intake_views.line_webhook, name="line_webhook"),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("api/hsds/", hsds_api.urls),
    path("admin/", admin.site.urls),
]

if settings.BENCH_ENDPOINTS:
    from onestop.core.bench_views import bench_insert

    # Right after the API, so the comparison view is resolved as cheaply as the endpoint it is
    # compared with.
    urlpatterns.insert(1, path("bench/insert", bench_insert, name="bench_insert"))
