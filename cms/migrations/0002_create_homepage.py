from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    # Replace the placeholder page wagtailcore creates with InterLab's home page.
    page_content_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_content_type, slug="home", depth=2).delete()
    homepage_content_type, __ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    homepage = HomePage.objects.create(
        title="InterLab",
        draft_title="InterLab",
        slug="home",
        content_type=homepage_content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=Locale.objects.order_by("pk").first(),
        intro="Incubateur inclusif à Liège : de l'idée brute à l'entreprise, l'ASBL ou la coopérative lancée.",
    )
    Site.objects.create(hostname="localhost", root_page=homepage, is_default_site=True, site_name="InterLab")


def remove_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    HomePage = apps.get_model("cms.HomePage")
    HomePage.objects.filter(slug="home", depth=2).delete()
    ContentType.objects.filter(model="homepage", app_label="cms").delete()


class Migration(migrations.Migration):
    dependencies = [("cms", "0001_initial")]
    operations = [migrations.RunPython(create_homepage, remove_homepage)]
