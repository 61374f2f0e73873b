"""The admin's login form (WAGTAILADMIN_USER_LOGIN_FORM)."""

from django.contrib.auth.forms import AuthenticationForm
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's login form with Django's label on the password field. Wagtail declares
    the field again without a label, so Django made one from the field's name: «Password»,
    in English whatever the user's language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = AuthenticationForm.base_fields["password"].label
