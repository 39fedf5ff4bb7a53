"""The state's editors and moderators read the outgoing mail and send failed e-mails again
(accounts.roles.OUTBOX). New groups get this from roles.py; this gives it to existing ones."""

from django.db import migrations

GROUPS = ["State editors", "State moderators"]  # roles.ROLES[...].group, as they were named
PERMISSIONS = {
    "view_outboxmessage": "Can view outgoing e-mail",
    "resend_outboxmessage": "Can send a failed e-mail again",
}


def state_roles_read_outgoing_mail(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    if not Group.objects.filter(name__in=GROUPS).exists():
        return  # a new database: the groups are made with their permissions
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    # The permissions are usually made after all migrations ran; make them now, as Django would.
    content_type, _ = ContentType.objects.get_or_create(app_label="mail", model="outboxmessage")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in PERMISSIONS.items()
    ]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_memberships"),
        ("mail", "0001_outbox_messages"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(state_roles_read_outgoing_mail, migrations.RunPython.noop),
    ]
