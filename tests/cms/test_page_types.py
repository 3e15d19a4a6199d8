"""Every page type can be created in the Wagtail admin where it belongs, and only there."""

from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import (
    EventIndexPage,
    EventPage,
    GuideIndexPage,
    GuidePage,
    HomePage,
    IntakeFormPage,
    PartnerDirectoryPage,
    PrivacyPage,
    ProgrammePage,
    StoryIndexPage,
    StoryPage,
    TiersLieuPage,
)
from interlab.core.models import Role
from tests.cms import factories
from tests.factories import PartnerFactory, UserFactory


def _list(*values) -> dict:
    data = {str(i): {"value": v, "deleted": "", "order": str(i), "id": ""} for i, v in enumerate(values)}
    data["count"] = str(len(values))
    return data


class PageTypesTest(WagtailPageTestCase):
    def setUp(self):
        self.admin = UserFactory(username="editor", role=Role.ADMIN)
        self.client.force_login(self.admin)
        self.home = factories.home()

    def test_the_home_page_sits_at_the_root_and_holds_every_section(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                ProgrammePage,
                GuideIndexPage,
                EventIndexPage,
                PartnerDirectoryPage,
                StoryIndexPage,
                IntakeFormPage,
                TiersLieuPage,
                PrivacyPage,
            },
        )

    def test_an_editor_creates_a_home_page_for_another_site(self):
        root = Page.get_first_root_node()
        self.assertCanCreate(
            root, HomePage, nested_form_data({"title": "InterLab Verviers", "intro": "Un deuxième site."})
        )

    def test_an_editor_creates_a_programme_page(self):
        self.assertCanCreate(
            self.home,
            ProgrammePage,
            nested_form_data(
                {
                    "title": "Le mentorat",
                    "intro": "Un binôme pendant six mois.",
                    "body": streamfield(
                        [("heading", "Comment"), ("paragraph", rich_text("<p>Une fois par mois.</p>"))]
                    ),
                }
            ),
        )

    def test_an_editor_creates_a_guide_with_steps_documents_and_partners(self):
        partner = PartnerFactory(name="microStart test")
        index = factories.add_page(self.home, GuideIndexPage, title="Les démarches", slug="guides")
        self.assertCanCreateAt(GuideIndexPage, GuidePage)
        self.assertCanNotCreateAt(HomePage, GuidePage)
        self.assertCanCreate(
            index,
            GuidePage,
            nested_form_data(
                {
                    "title": "Obtenir un microcrédit",
                    "summary": "Les banques refusent souvent.",
                    "checked_on": "2026-11-01",
                    "steps": streamfield(
                        [
                            (
                                "step",
                                {
                                    "title": "Rencontrez un conseiller",
                                    "text": rich_text("<p>Le premier entretien est gratuit.</p>"),
                                    "documents": _list("Extraits de compte"),
                                    "partners": _list(str(partner.pk)),
                                    "duration": "un rendez-vous",
                                    "cost": "",
                                },
                            )
                        ]
                    ),
                }
            ),
        )
        guide = GuidePage.objects.get(slug="obtenir-un-microcredit", locale__language_code="fr")
        self.assertEqual(guide.documents_to_bring(), ["Extraits de compte"])
        self.assertEqual(guide.partners(), [partner])

    def test_an_editor_creates_a_guide_index(self):
        self.assertCanCreate(self.home, GuideIndexPage, nested_form_data({"title": "Guides", "intro": "Pas à pas."}))

    def test_an_editor_creates_an_event_with_registration(self):
        index = factories.add_page(self.home, EventIndexPage, title="Agenda", slug="agenda")
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanCreate(
            index,
            EventPage,
            nested_form_data(
                {
                    "title": "Atelier microcrédit",
                    "summary": "Préparer une demande.",
                    "starts_at": (timezone.localtime() + timezone.timedelta(days=9)).strftime("%Y-%m-%d %H:%M"),
                    "ends_at": "",
                    "place": "Tiers-lieu",
                    "address": "",
                    "body": streamfield([]),
                    "registration_open": "on",
                    "capacity": "15",
                }
            ),
        )

    def test_an_editor_creates_an_event_index(self):
        self.assertCanCreate(self.home, EventIndexPage, nested_form_data({"title": "Agenda", "intro": ""}))

    def test_an_editor_creates_the_partner_directory(self):
        self.assertCanCreate(self.home, PartnerDirectoryPage, nested_form_data({"title": "Partenaires", "intro": ""}))

    def test_an_editor_creates_a_success_story(self):
        self.assertCanCreate(self.home, StoryIndexPage, nested_form_data({"title": "Ils l'ont fait", "intro": ""}))
        index = StoryIndexPage.objects.get(locale__language_code="fr")
        self.assertCanCreate(
            index,
            StoryPage,
            nested_form_data(
                {
                    "title": "Un atelier à Seraing",
                    "person": "Mehmet",
                    "business": "Retouches",
                    "quote": "",
                    "body": streamfield([("paragraph", rich_text("<p>Arrivé en 2016.</p>"))]),
                }
            ),
        )

    def test_an_editor_creates_the_application_form(self):
        self.assertCanCreate(
            self.home,
            IntakeFormPage,
            nested_form_data(
                {
                    "title": "Candidater",
                    "intro": rich_text("<p>Deux minutes.</p>"),
                    "thank_you": rich_text(""),
                    "consent_key": "intake",
                }
            ),
        )

    def test_an_editor_creates_the_tiers_lieu_page(self):
        self.assertCanCreate(
            self.home,
            TiersLieuPage,
            nested_form_data(
                {"title": "Le tiers-lieu", "intro": "", "body": streamfield([]), "address": "", "opening_hours": ""}
            ),
        )

    def test_a_new_page_appears_in_every_language_as_an_alias_until_translated(self):
        self.assertCanCreate(self.home, PartnerDirectoryPage, nested_form_data({"title": "Partenaires", "intro": ""}))
        page = PartnerDirectoryPage.objects.get(locale__language_code="fr")
        aliases = PartnerDirectoryPage.objects.filter(alias_of=page)
        self.assertEqual(
            sorted(aliases.values_list("locale__language_code", flat=True)), ["ar", "en", "es", "nl", "uk"]
        )

    def test_every_public_page_type_renders(self):
        index = factories.add_page(self.home, GuideIndexPage, title="Guides", slug="guides")
        pages = [
            self.home,
            index,
            factories.guide(parent=index),
            factories.event(),
            factories.intake_page(),
            factories.directory(),
            factories.add_page(self.home, ProgrammePage, title="Le parcours", intro="De l'idée au lancement."),
            factories.add_page(self.home, TiersLieuPage, title="Le tiers-lieu"),
        ]
        stories = factories.add_page(self.home, StoryIndexPage, title="Histoires")
        pages += [
            stories,
            factories.add_page(stories, StoryPage, title="Mehmet", person="Mehmet", business="Retouches"),
        ]
        for page in pages:
            self.assertPageIsRenderable(page)
            # assertPageIsRoutable ignores the /fr/ language prefix; the client goes through the real URLs.
            response = self.client.get(page.url)
            self.assertEqual(response.status_code, 200, page.url)
            self.assertTrue(page.url.startswith("/fr/"), page.url)
