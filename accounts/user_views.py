"""The Wagtail user viewset with the forms of accounts/user_forms.py, which need to know who is
filling them in (only registrars assign organisation roles)."""

from wagtail.users.views import users

from .user_forms import RegistryUserCreationForm, RegistryUserEditForm


class ForUserFormMixin:
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["for_user"] = self.request.user
        return kwargs


class RegistryUserCreateView(ForUserFormMixin, users.CreateView):
    pass


class RegistryUserEditView(ForUserFormMixin, users.EditView):
    pass


class RegistryUserViewSet(users.UserViewSet):
    add_view_class = RegistryUserCreateView
    edit_view_class = RegistryUserEditView
    create_template_name = "accounts/users/create.html"
    edit_template_name = "accounts/users/edit.html"

    def get_form_class(self, for_update=False):
        return RegistryUserEditForm if for_update else RegistryUserCreationForm
