"""Django admin: for superusers with a verified second factor, never for daily work."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from pressdesk.core.models import AuditEntry, Membership, SignInAttempt, Unit, UnitTranslation, User


def _superuser_only(request: HttpRequest) -> bool:
    user = request.user
    return user.is_active and user.is_superuser and user.is_verified()


def _sign_in_first(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
    return redirect("core:signin")


admin.site.has_permission = _superuser_only
admin.site.login = _sign_in_first


class UnitTranslationInline(admin.TabularInline):
    model = UnitTranslation
    extra = 0


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "path"]
    inlines = [UnitTranslationInline]


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "kind", "is_active", "is_superuser"]
    search_fields = ["email", "full_name"]
    exclude = ["password"]


admin.site.register(Membership)


@admin.register(AuditEntry, SignInAttempt)
class ReadOnlyAdmin(admin.ModelAdmin):
    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
