"""Thanks to donors, sent in the background (django-tasks; db_worker runs them)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled
from django_tasks import task

from onestop.giving.models import Donation


@task()
def thank_donor(donation_id: int) -> bool:
    with scopes_disabled():
        donation = Donation.objects.select_related("partner__center").filter(pk=donation_id).first()
    if donation is None or not donation.partner.contact_email:
        return False
    partner = donation.partner
    with translation.override("th"):
        subject = _("Thank you from %(center)s") % {"center": partner.center.name_th}
        body = "\n".join(
            [
                _("Dear %(name)s,") % {"name": partner.contact_name or partner.name},
                "",
                _("Thank you for your gift (%(what)s). You can see what your giving has done here:")
                % {"what": donation.get_kind_display()},
                f"{settings.SITE_URL}/giving/report/{partner.report_token}/",
                "",
                partner.center.name_th,
            ]
        )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [partner.contact_email])
    return True
