"""Reads of the pipeline. A person's data is always scoped to the user asking (outside it means not found); the
last section is what the anonymous figures count over, unscoped on purpose and never shown row by row."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Exists, F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from interlab.core import interfaces
from interlab.core.models import Consent, ConsentText, Invitation, InvitationKind, Role, User

from .choices import PARTNER_SHARING_PURPOSE, ReferralOutcome
from .models import (
    Cohort,
    Document,
    DocumentRequest,
    Entrepreneur,
    Interaction,
    Partner,
    Programme,
    Project,
    Referral,
    SensitiveProfile,
    SpokenLanguage,
    Stage,
    StageTransition,
    Task,
)

SENSITIVE_FIELDS = ["country_of_origin", "residence_situation", "residence_valid_until"]


def stages_ordered() -> list[Stage]:
    return list(Stage.objects.prefetch_related("next_stages").order_by("is_exit", "order", "id"))


def entrepreneurs_visible(user: User) -> QuerySet[Entrepreneur]:
    if not user.is_authenticated or not user.is_active:
        return Entrepreneur.objects.none()
    if user.is_staff_role:
        return Entrepreneur.objects.active()
    if user.role == "entrepreneur":
        return Entrepreneur.objects.active().filter(user=user)
    return Entrepreneur.objects.none()


def entrepreneur_get(user: User, pk) -> Entrepreneur:
    try:
        return entrepreneurs_visible(user).prefetch_related("spoken_languages").get(pk=pk)
    except (Entrepreneur.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("entrepreneur") from None


def entrepreneur_list(user: User, *, q: str = "", stage: str = "", coach: int | None = None) -> QuerySet[Entrepreneur]:
    qs = entrepreneurs_visible(user)
    if q:
        qs = qs.search(q)
    if stage:
        qs = qs.filter(projects__stage__key=stage)
    if coach:
        qs = qs.filter(projects__coach_id=coach)
    if stage or coach:
        qs = qs.distinct()
    return qs.prefetch_related("spoken_languages")


def sensitive_profile_get(user: User, entrepreneur: Entrepreneur) -> SensitiveProfile | None:
    """Residence situation and origin: coaches and admins only. Pages and the API read it through
    services.sensitive_profile_read, which logs the read."""
    if not user.is_staff_role:
        return None
    return SensitiveProfile.objects.filter(entrepreneur=entrepreneur).first()


def projects_visible(user: User) -> QuerySet[Project]:
    if not user.is_authenticated or not user.is_active:
        return Project.objects.none()
    if user.is_staff_role:
        return Project.objects.active()
    if user.role == "entrepreneur":
        return Project.objects.active().filter(entrepreneur__user=user)
    return Project.objects.none()


def project_get(user: User, pk) -> Project:
    try:
        return projects_visible(user).select_related("stage", "entrepreneur", "coach").get(pk=pk)
    except (Project.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("project") from None


def project_history(user: User, project: Project) -> QuerySet[StageTransition]:
    project_get(user, project.pk)
    return project.transitions.select_related("from_stage", "to_stage", "by").order_by("at", "id")


@dataclass
class BoardFilters:
    coach: int | None = None
    cohort: int | None = None
    programme: int | None = None
    sector: str = ""
    language: str = ""
    stalled: bool = False
    q: str = ""

    def is_empty(self) -> bool:
        return not any([self.coach, self.cohort, self.programme, self.sector, self.language, self.stalled, self.q])


@dataclass
class BoardColumn:
    stage: Stage
    count: int
    cards: list[Project] = field(default_factory=list)

    @property
    def hidden(self) -> int:
        return max(0, self.count - len(self.cards))


def _board_queryset(user: User, filters: BoardFilters, stages: list[Stage], now: datetime) -> QuerySet[Project]:
    qs = projects_visible(user)
    if filters.coach:
        qs = qs.filter(coach_id=filters.coach)
    if filters.cohort:
        qs = qs.filter(cohort_id=filters.cohort)
    if filters.programme:
        qs = qs.filter(programme_id=filters.programme)
    if filters.sector:
        qs = qs.filter(sector=filters.sector)
    if filters.language:
        qs = qs.filter(entrepreneur__in=SpokenLanguage.objects.filter(code=filters.language).values("entrepreneur"))
    if filters.q:
        qs = qs.search(filters.q)
    if filters.stalled:
        qs = qs.stalled(stages, now)
    return qs


# What a card shows (crm/_board.html, crm/board.py), and nothing else: a row of 200 with a person's whole file and
# their coach's account was most of the board's time in the database driver and in building the objects.
BOARD_CARD_FIELDS = (
    "id",
    "title",
    "stage_id",
    "stage_entered_at",
    "coach_id",
    "entrepreneur_id",
    "entrepreneur__id",
    "entrepreneur__first_name",
    "entrepreneur__last_name",
    "entrepreneur__email",
    "entrepreneur__user_id",
    "entrepreneur__erased_at",
    "coach__id",
    "coach__username",
    "coach__first_name",
    "coach__last_name",
)


def board(user: User, filters: BoardFilters | None = None, *, per_column: int | None = None) -> list[BoardColumn]:
    """One column per stage: its full count, and the cards that fit on screen, longest waiting first.

    The number of queries depends on the number of stages, never on the number of projects: one count
    query, then one bounded query per stage riding the (stage, stage_entered_at) index, then one for which of
    the people shown have a live invitation.
    """
    filters = filters or BoardFilters()
    per_column = per_column or settings.BOARD_CARDS_PER_COLUMN
    now = timezone.now()
    stages = stages_ordered()
    qs = _board_queryset(user, filters, stages, now)
    counts = dict(qs.order_by().values_list("stage_id").annotate(n=Count("id")).values_list("stage_id", "n"))
    cards = qs.select_related("entrepreneur", "coach").only(*BOARD_CARD_FIELDS).order_by("stage_entered_at", "id")
    columns = []
    for stage in stages:
        column = BoardColumn(stage=stage, count=counts.get(stage.pk, 0))
        if column.count:
            column.cards = list(cards.filter(stage=stage)[:per_column])
            for card in column.cards:
                card.days_in_stage = (now - card.stage_entered_at).days
                card.is_stalled = bool(stage.stalled_after_days and card.days_in_stage >= stage.stalled_after_days)
        columns.append(column)
    shown = {card.entrepreneur_id for column in columns for card in column.cards}
    # One lookup for the whole board rather than an EXISTS in each column's query (compiled nine times over).
    invited = set(_live_invitations().filter(target_id__in=shown).values_list("target_id", flat=True)) if shown else ()
    for column in columns:
        for card in column.cards:
            card.invited = card.entrepreneur_id in invited
    return columns


def _live_invitations() -> QuerySet[Invitation]:
    """Live invitations to a file (by the content type's name: no extra query for its id)."""
    return Invitation.objects.live().filter(
        kind=InvitationKind.INVITE, target_type__app_label="crm", target_type__model="entrepreneur"
    )


def file_access(user: User, entrepreneur: Entrepreneur) -> dict:
    """How the person gets in, for the coach's file page: their latest invitation (whatever its state) and a
    new-password code still live for their login."""
    if not user.is_staff_role:
        return {}
    invitation = (
        Invitation.objects.filter(
            kind=InvitationKind.INVITE,
            target_type__app_label="crm",
            target_type__model="entrepreneur",
            target_id=entrepreneur.pk,
        )
        .select_related("created_by")
        .first()
    )
    reset = None
    if entrepreneur.user_id:
        reset = Invitation.objects.live().filter(kind=InvitationKind.RESET, user_id=entrepreneur.user_id).first()
    return {"invitation": invitation, "reset_code": reset}


@dataclass
class TimelineItem:
    at: datetime
    kind: str
    obj: object


def timeline(user: User, entrepreneur: Entrepreneur) -> list[TimelineItem]:
    """Stage events, interactions, tasks, referrals and documents of one person, newest first.

    The entrepreneur sees their own timeline without the coaches' private notes and unshared documents.
    """
    entrepreneur_get(user, entrepreneur.pk)
    staff = user.is_staff_role
    items: list[TimelineItem] = []
    events = StageTransition.objects.filter(project__entrepreneur=entrepreneur).select_related(
        "from_stage", "to_stage", "by", "project"
    )
    items += [TimelineItem(e.at, "stage", e) for e in events]
    interactions = Interaction.objects.filter(entrepreneur=entrepreneur).select_related("by")
    if not staff:
        interactions = interactions.filter(is_private=False)
    items += [TimelineItem(i.occurred_at, "interaction", i) for i in interactions]
    tasks = Task.objects.filter(entrepreneur=entrepreneur).select_related("assignee")
    if not staff:
        tasks = tasks.filter(for_entrepreneur=True)
    items += [TimelineItem(t.created_at, "task", t) for t in tasks]
    referrals = list(Referral.objects.filter(entrepreneur=entrepreneur).select_related("partner", "answered_by"))
    items += [
        TimelineItem(timezone.make_aware(datetime.combine(r.referred_on, datetime.min.time())), "referral", r)
        for r in referrals
    ]
    # A partner's answer is written back to the coach: an entry of its own, at the time it came in.
    if staff:
        items += [TimelineItem(r.answered_at, "referral_answer", r) for r in referrals if r.answered_at]
    documents = Document.objects.filter(entrepreneur=entrepreneur).select_related("uploaded_by")
    if not staff:
        documents = documents.filter(is_shared=True)
    items += [TimelineItem(d.uploaded_at, "document", d) for d in documents]
    items.sort(key=lambda item: item.at, reverse=True)
    return items


def entrepreneur_file(user: User, pk) -> dict:
    """Everything the coach's file page shows, in a fixed number of queries."""
    entrepreneur = entrepreneur_get(user, pk)
    projects = list(
        projects_visible(user)
        .filter(entrepreneur=entrepreneur)
        .select_related("stage", "coach", "cohort", "programme")
        .prefetch_related(Prefetch("stage__next_stages"))
    )
    open_tasks = Task.objects.open().filter(entrepreneur=entrepreneur).select_related("assignee")
    if not user.is_staff_role:
        open_tasks = open_tasks.filter(for_entrepreneur=True)
    requests = DocumentRequest.objects.filter(entrepreneur=entrepreneur).prefetch_related("documents")
    return {
        "entrepreneur": entrepreneur,
        "projects": projects,
        "timeline": timeline(user, entrepreneur),
        "open_tasks": list(open_tasks),
        "document_requests": list(requests),
        "consents": list(entrepreneur.consents.select_related("text")) if user.is_staff_role else [],
        **file_access(user, entrepreneur),
    }


def document_get(user: User, pk) -> Document:
    try:
        document = Document.objects.select_related("entrepreneur").get(pk=pk)
    except (Document.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("document") from None
    entrepreneur_get(user, document.entrepreneur_id)
    if not user.is_staff_role and not document.is_shared:
        raise Http404("document")
    return document


# --- referrals, as the coaches and the partner organisations see them -------------------------------------------


def referrals_visible(user: User) -> QuerySet[Referral]:
    """Coaches and admins: every referral. A partner organisation's login: those sent to its organisations."""
    if not user.is_authenticated or not user.is_active:
        return Referral.objects.none()
    if user.is_staff_role:
        return Referral.objects.all()
    if user.role == Role.PARTNER:
        return Referral.objects.for_partner_user(user)
    return Referral.objects.none()


def may_follow_referrals(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_staff_role or user.role == Role.PARTNER))


def referral_get(user: User, pk) -> Referral:
    try:
        return referrals_visible(user).select_related("partner", "entrepreneur", "by", "answered_by").get(pk=pk)
    except (Referral.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("referral") from None


def referral_list(user: User, *, outcome: str = "", partner: int | None = None) -> QuerySet[Referral]:
    qs = referrals_visible(user).select_related("partner", "entrepreneur", "by", "answered_by")
    if outcome:
        qs = qs.filter(outcome=outcome)
    if partner:
        qs = qs.filter(partner_id=partner)
    return qs.order_by("-referred_on", "-id")


def partner_sharing_consented(entrepreneur_ids: Iterable[int]) -> set[int]:
    """The people, among these, with a consent in force that covers sharing their name and contact with partners."""
    ids = list(entrepreneur_ids)
    if not ids:
        return set()
    rows = Consent.objects.filter(
        entrepreneur_id__in=ids, withdrawn_at__isnull=True, purposes__icontains=f'"{PARTNER_SHARING_PURPOSE}"'
    )
    return set(rows.values_list("entrepreneur_id", flat=True))


@dataclass
class SharedPerson:
    """What a partner organisation may know of the person: name and contact, and only with their consent.

    Never the residence situation, origin, year of arrival, gender or anything else of the file."""

    first_name: str
    last_name: str
    email: str
    phone: str
    languages: list[str]

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass
class ReferralView:
    referral: Referral
    person: SharedPerson | None  # None: the person did not consent to share their name with partners


def referral_views(user: User, referrals: Iterable[Referral]) -> list[ReferralView]:
    """Each referral with the part of the person the user may see: all of the name and contact for staff, only
    what the person consented to share for a partner organisation."""
    referrals = list(referrals)
    ids = {r.entrepreneur_id for r in referrals}
    shared = ids if user.is_staff_role else partner_sharing_consented(ids)
    people = {e.pk: e for e in Entrepreneur.objects.active().filter(pk__in=shared).prefetch_related("spoken_languages")}
    views = []
    for referral in referrals:
        person = people.get(referral.entrepreneur_id)
        views.append(
            ReferralView(
                referral=referral,
                person=SharedPerson(
                    first_name=person.first_name,
                    last_name=person.last_name,
                    email=person.email,
                    phone=person.phone,
                    languages=[sl.code for sl in person.spoken_languages.all()],
                )
                if person
                else None,
            )
        )
    return views


def partner_home(user: User) -> dict:
    """A partner organisation's page: what waits for an answer first (oldest first), then what is under way."""
    qs = referrals_visible(user).select_related("partner", "by")
    counts = dict(qs.order_by().values_list("outcome").annotate(n=Count("id")).values_list("outcome", "n"))
    pending = qs.filter(outcome=ReferralOutcome.PENDING).order_by("referred_on", "id")
    under_way = qs.filter(outcome=ReferralOutcome.ACCEPTED).order_by("referred_on", "id")
    closed = qs.exclude(outcome__in=[ReferralOutcome.PENDING, ReferralOutcome.ACCEPTED]).order_by(
        "-answered_at", "-referred_on", "-id"
    )[:20]
    return {
        "organisations": list(Partner.objects.filter(users=user)) if user.is_authenticated else [],
        "counts": {key: counts.get(key, 0) for key in ReferralOutcome.values},
        "pending": referral_views(user, pending),
        "under_way": referral_views(user, under_way),
        "closed": referral_views(user, closed),
    }


def tasks_open_for(user: User) -> QuerySet[Task]:
    return Task.objects.open().filter(assignee=user).select_related("entrepreneur", "project")


@dataclass(frozen=True)
class TaskCounts:
    open: int
    overdue: int


def my_tasks_open(user: User) -> QuerySet[Task]:
    """The open tasks a coach is the assignee of, on files still there: overdue first (oldest due date first), then
    by due date, those without a date last."""
    if not user.is_authenticated or not user.is_active or not user.is_staff_role:
        return Task.objects.none()
    return (
        Task.objects.open()
        .filter(assignee=user, entrepreneur__erased_at__isnull=True)
        .select_related("entrepreneur", "project")
        .order_by(F("due_date").asc(nulls_last=True), "created_at", "id")
    )


def my_task_counts(user: User, *, today=None) -> TaskCounts:
    """How many open and overdue tasks a coach has, for the navigation: one query."""
    today = today or timezone.localdate()
    counts = my_tasks_open(user).aggregate(open=Count("id"), overdue=Count("id", filter=Q(due_date__lt=today)))
    return TaskCounts(open=counts["open"] or 0, overdue=counts["overdue"] or 0)


def projects_selected(user: User, *, project_ids: Iterable[int], entrepreneur_ids: Iterable[int] = ()) -> list[Project]:
    """The projects a bulk action works on: those picked on the board, and every project of the people picked in the
    list, among those the user may see (the rest are not found, as for a single project)."""
    project_ids, entrepreneur_ids = set(project_ids), set(entrepreneur_ids)
    if not project_ids and not entrepreneur_ids:
        return []
    return list(
        projects_visible(user)
        .filter(Q(pk__in=project_ids) | Q(entrepreneur_id__in=entrepreneur_ids))
        .select_related("stage", "entrepreneur", "coach", "cohort")
        .order_by("entrepreneur__last_name", "entrepreneur__first_name", "pk")
    )


def entrepreneurs_selected(
    user: User, *, project_ids: Iterable[int], entrepreneur_ids: Iterable[int] = ()
) -> QuerySet[Entrepreneur]:
    """The people picked in the list and those of the projects picked on the board, among those the user may see."""
    projects = projects_visible(user).filter(pk__in=set(project_ids)).values("entrepreneur_id")
    return entrepreneurs_visible(user).filter(Q(pk__in=set(entrepreneur_ids)) | Q(pk__in=projects))


def coach_digest(coach: User, *, today=None) -> dict:
    """What a coach should see first in the morning: overdue tasks, their stalled projects, unassigned ones."""
    today = today or timezone.localdate()
    stages = stages_ordered()
    overdue = list(Task.objects.overdue(today).filter(assignee=coach).select_related("entrepreneur"))
    stalled = list(
        Project.objects.active()
        .filter(coach=coach)
        .stalled(stages)
        .select_related("entrepreneur", "stage")
        .order_by("stage_entered_at")[:50]
    )
    return {
        "coach": coach,
        "overdue": overdue,
        "stalled": stalled,
        "unassigned": list(projects_unassigned()[:50]),
        "today": today,
    }


def projects_unassigned() -> QuerySet[Project]:
    """Projects no coach follows yet (new applicants first of all), oldest first: every coach sees them."""
    return (
        Project.objects.active()
        .filter(coach__isnull=True, stage__is_exit=False)
        .select_related("entrepreneur", "stage")
        .order_by("created_at", "id")
    )


def file_language(entrepreneur: Entrepreneur) -> str:
    """The language to write to a person in: their login's, else the first one of their file the site speaks,
    else the site's own (French). Never the language of the coach who happens to press the button."""
    if entrepreneur.user_id is not None and entrepreneur.user.preferred_language:
        return entrepreneur.user.preferred_language
    site = {code for code, _name in settings.LANGUAGES}
    for code in entrepreneur.spoken_languages.values_list("code", flat=True):
        if code in site:
            return code
    return settings.LANGUAGE_CODE


def consent_text_latest(key: str, language: str) -> ConsentText | None:
    """The latest version of a consent text in this language, else in the site's (French)."""
    texts = ConsentText.objects.filter(key=key).order_by("-version", "pk")
    return texts.filter(language=language).first() or texts.filter(language=settings.LANGUAGE_CODE).first()


def consent_text_posted(key: str, posted) -> ConsentText | None:
    """The consent text version a form showed (its id travels with the form), if it is one of `key`'s texts."""
    try:
        pk = int(str(posted or "").strip())
    except ValueError:
        return None
    if not 0 < pk < 2**63:
        return None
    return ConsentText.objects.filter(pk=pk, key=key).first()


def own_file(user: User) -> Entrepreneur | None:
    """The user's own file in the pipeline (not erased), whatever their role; None when they have none."""
    if not user.is_authenticated:
        return None
    return Entrepreneur.objects.active().filter(user=user).first()


def own_phone(user: User) -> str:
    """The phone number on the person's own file, for the text messages InterLab sends them ("" if none)."""
    return Entrepreneur.objects.filter(user=user, erased_at__isnull=True).values_list("phone", flat=True).first() or ""


def person_shared_documents(user: User) -> QuerySet[Document]:
    """The documents of the user's own file that are shared with them (the files of their right of access)."""
    return Document.objects.filter(
        entrepreneur__user=user, entrepreneur__erased_at__isnull=True, is_shared=True
    ).order_by("uploaded_at", "pk")


def person_export(user: User) -> dict:
    """All the pipeline holds about the user as a person (their own file), for the right of access."""
    entrepreneur = Entrepreneur.objects.active().filter(user=user).prefetch_related("spoken_languages").first()
    if entrepreneur is None:
        return {"entrepreneur": None}
    profile = SensitiveProfile.objects.filter(entrepreneur=entrepreneur).first()

    def values(qs, *fields):
        return [dict(zip(fields, row, strict=True)) for row in qs.values_list(*fields)]

    return {
        "entrepreneur": {
            **{
                f: getattr(entrepreneur, f)
                for f in (
                    "id",
                    "first_name",
                    "last_name",
                    "email",
                    "email_pending",
                    "phone",
                    "commune",
                    "arrival_year",
                    "birth_year",
                    "skills",
                    "needs",
                    "gender",
                    "created_at",
                )
            },
            "languages": [{"code": sl.code, "level": sl.level} for sl in entrepreneur.spoken_languages.all()],
            "country_of_origin": profile.country_of_origin if profile else "",
            "residence_situation": profile.residence_situation if profile else "",
            "residence_valid_until": profile.residence_valid_until if profile else None,
        },
        "projects": values(
            entrepreneur.projects.all(),
            "id",
            "title",
            "description",
            "sector",
            "nace_code",
            "legal_form",
            "stage__key",
            "enterprise_number",
            "created_at",
        ),
        "stage_events": values(
            StageTransition.objects.filter(project__entrepreneur=entrepreneur),
            "project_id",
            "from_stage__key",
            "to_stage__key",
            "at",
            "reason",
        ),
        # The same view as the entrepreneur's space: coaches' private notes and internal tasks are a formal
        # access request's business (handled by an admin), not a self-service download.
        "interactions": values(
            entrepreneur.interactions.filter(is_private=False), "kind", "occurred_at", "duration_minutes", "note"
        ),
        "tasks": values(
            entrepreneur.tasks.filter(for_entrepreneur=True), "title", "description", "due_date", "done_at"
        ),
        "referrals": values(
            entrepreneur.referrals.all(),
            "partner__name",
            "direction",
            "purpose",
            "outcome",
            "referred_on",
            "outcome_on",
            "answer_note",
        ),
        "documents": values(
            entrepreneur.documents.filter(is_shared=True), "id", "title", "content_type", "size", "uploaded_at"
        ),
        "consents": values(
            entrepreneur.consents.all(),
            "text__key",
            "text__version",
            "text__body",
            "purposes",
            "given_at",
            "withdrawn_at",
        ),
    }


def inactive_entrepreneurs(cutoff: datetime) -> QuerySet[Entrepreneur]:
    """People (not erased) with no sign of activity since `cutoff`, for the retention schedule.

    Activity is the file created or edited, a login of their account, or any sign an app gives through its
    data-protection interface (`personal_data.activity`): a note, meeting or call; a task; a stage change; a
    referral; a document; a consent given or withdrawn; a use of their API token; a booking or a waiting-list
    entry in the tiers-lieu; a mentoring pair proposed, accepted, running or ended, or a session held; a dossier
    edited, pending at the Region, open to appeal, or a professional card still valid; an event registration
    or attendance (linked to the file, or made with its e-mail); an impact follow-up or financing.

    Never selected: anyone whose account is not a plain entrepreneur's (staff, mentor, superuser): the erasure
    would lock a working account, so theirs is done by hand.
    """
    people = Entrepreneur.objects.filter(erased_at__isnull=True, created_at__lt=cutoff, updated_at__lt=cutoff)
    people = people.exclude(user__last_login__gte=cutoff)
    people = people.filter(
        Q(user__isnull=True) | Q(user__role=Role.ENTREPRENEUR, user__is_superuser=False, user__is_staff=False)
    )
    for rows in interfaces.activity(cutoff):
        people = people.filter(~Exists(rows))
    return people


# --- what the anonymous figures read (impact) ------------------------------------------------------------------
# Impact counts over every file and shows aggregates only, protected there (counts under five hidden): these reads
# are unscoped on purpose and never reach a page row by row. They are the pipeline's whole read surface for it.


def entrepreneurs_all() -> QuerySet[Entrepreneur]:
    return Entrepreneur.objects.all()


def projects_all() -> QuerySet[Project]:
    return Project.objects.all()


def stage_transitions_all() -> QuerySet[StageTransition]:
    return StageTransition.objects.all()


def stages_all() -> QuerySet[Stage]:
    return Stage.objects.all()


def programmes_all() -> QuerySet[Programme]:
    return Programme.objects.all()


def cohorts_all() -> QuerySet[Cohort]:
    return Cohort.objects.all()


def partners_all() -> QuerySet[Partner]:
    return Partner.objects.all()


def referrals_all() -> QuerySet[Referral]:
    return Referral.objects.all()


def tables() -> dict[str, str]:
    """The pipeline's table names, for the figures written in SQL."""
    return {
        "entrepreneur": Entrepreneur._meta.db_table,
        "project": Project._meta.db_table,
        "stage_transition": StageTransition._meta.db_table,
        "sensitive_profile": SensitiveProfile._meta.db_table,
        "referral": Referral._meta.db_table,
        "partner": Partner._meta.db_table,
    }


def category_models() -> tuple[type, type]:
    """The file and its residence situation: a write to either changes the person's anonymous ESF+ categories
    (impact derives them in SQL and listens to these models' signals)."""
    return Entrepreneur, SensitiveProfile


def figures_models() -> list[type]:
    """The pipeline's models whose every write can change a figure (impact forgets its kept figures then)."""
    return [
        Entrepreneur,
        Project,
        StageTransition,
        SensitiveProfile,
        Stage,
        Programme,
        Cohort,
        Programme.funders.through,
    ]
