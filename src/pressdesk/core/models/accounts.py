from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserKind(models.TextChoices):
    STAFF = "staff", _("Staff")
    JOURNALIST = "journalist", _("Journalist")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username: str) -> User:
        return self.get(email__iexact=username)

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save()
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.update(is_staff=True, is_superuser=True, kind=UserKind.STAFF)
        return self.create_user(email, password, **fields)

    def staff(self) -> models.QuerySet[User]:
        return self.filter(kind=UserKind.STAFF)


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone who signs in: staff of the body or a journalist of the portal.

    ``kind`` keeps the two apart: staff sign in at /signin/ with a second
    factor, journalists at /portal/signin/; neither door opens for the other.
    ``is_staff`` here means only "may open Django admin" (superusers).
    """

    email = models.EmailField(_("email"), max_length=254)
    full_name = models.CharField(_("full name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=UserKind.choices, default=UserKind.STAFF)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="kk")
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("admin access"), default=False)
    email_confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="core_user_email_ci_unique")]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_staff_member(self) -> bool:
        return self.kind == UserKind.STAFF

    @property
    def is_journalist(self) -> bool:
        return self.kind == UserKind.JOURNALIST


class SignInOutcome(models.TextChoices):
    SUCCESS = "success", _("Signed in")
    BAD_PASSWORD = "bad_password", _("Wrong email or password")
    LOCKED = "locked", _("Account locked")
    BAD_CODE = "bad_code", _("Wrong second-factor code")
    REUSED_CODE = "reused_code", _("Second-factor code already used")
    WRONG_DOOR = "wrong_door", _("Account of another kind")
    RATE_LIMITED = "rate_limited", _("Too many attempts from this address")


class SignInAttempt(models.Model):
    """Every attempt to sign in, successful or not, for the security log."""

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    email = models.CharField(_("email entered"), max_length=254)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    door = models.CharField(_("door"), max_length=16, choices=UserKind.choices)
    outcome = models.CharField(_("outcome"), max_length=16, choices=SignInOutcome.choices)
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("sign-in attempt")
        verbose_name_plural = _("sign-in attempts")
