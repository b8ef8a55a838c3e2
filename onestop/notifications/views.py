from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from onestop.accounts.decorators import login_required, request_user
from onestop.notifications.models import Notification
from onestop.notifications.services import notifications_mark_read


@login_required
@require_http_methods(["GET", "POST"])
def inbox(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if request.method == "POST":
        notifications_mark_read(user=user)
    items = Notification.objects.filter(user=user)[:100]
    return render(request, "notifications/inbox.html", {"items": items})
