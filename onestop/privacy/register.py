"""The record of processing activities (PDPA s.39), declared next to nothing else: each model
that holds personal data, which of its fields are personal and which sensitive (s.26), why the
center holds it, on which lawful basis, who receives it, and how long it is kept.

`/privacy/records` is generated from this and from the models' own field names, and a test
(`tests/privacy/test_processing_register.py`) fails when a model gains a field that looks
personal (by its name) and is not classified here, or when a field named here is gone: the
record cannot fall out of step with the schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Field names that usually hold personal data: every field of the product whose name matches
# is either classified in an Activity or listed in NOT_PERSONAL with the reason.
PERSONAL_HINT = re.compile(
    r"(name|phone|email|line_id|line_user|birth|^age|_age$|sex|gender|address|subdistrict"
    r"|^lat$|^lng$|check_in_l|national_id|id_number|passport|photo|image|religion|ethnic"
    r"|health|disab|nationality|citizenship|languages|note|^text$|summary|description"
    r"|report$|observations|safety|safe_|marks|ip$|signature|contact|needs|risks|strengths"
    r"|opinion|living_conditions|risk_flags|^number$|guardian|witness|skills|availability"
    r"|emergency|student_id|accessibility|^scores$|override_reason|exception_reason"
    r"|unable_reason)"
)

# Lawful bases (s.24, and s.26 for sensitive data).
CONSENT = _("Consent (s.19), explicit consent for sensitive data (s.26)")
VITAL = _("Vital interest (s.24(2), s.26(1))")
LEGAL = _("Legal duty in social welfare and protection (s.24(6), s.26(5))")
PUBLIC_TASK = _("Public task of the Ministry's center (s.24(4))")
CONTRACT = _("Contract or steps before one (s.24(3))")
LEGITIMATE = _("Legitimate interest (s.24(5))")

# Security measures every record shares (s.37(1)); an activity adds its own.
COMMON_SECURITY = [
    _("Roles built from named capabilities; each center sees only its own records"),
    _("Every change, and every read of sensitive records, in an append-only audit log"),
    _("Argon2 passwords, lockout after failed sign-ins, idle sessions end"),
    _("TLS, HSTS and a strict content security policy in production"),
]


DEFAULT_RETENTION = _(
    "As long as the case or record is open, then by the center's retention schedule"
)
CLIENTS = _("Clients")


@dataclass(frozen=True)
class Activity:
    model: str  # "app_label.ModelName"
    purpose: Promise
    basis: list[Promise]
    personal: list[str]
    sensitive: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)  # directory.Organization kinds
    retention: Promise = DEFAULT_RETENTION
    security: list[Promise] = field(default_factory=list)
    subjects: Promise = CLIENTS


NEED_TO_KNOW = _(
    "Need-to-know: the worker, the team and supervisors; others by audited emergency access"
)
CASE_PARTNERS = [
    "hospital",
    "faculty",
    "provincial_office",
    "shelter",
    "protection_center",
    "local_government",
    "center",
]
STAFF = _("Staff and partner staff")

ACTIVITIES: list[Activity] = [
    Activity(
        "intake.HelpRequest",
        _("Receive requests for help and decide what to do"),
        [CONSENT, VITAL, LEGAL],
        [
            "reporter_relationship",
            "reporter_name",
            "reporter_phone",
            "reporter_line_id",
            "safe_to_contact",
            "line_user_id",
            "subject_name",
            "subject_age",
            "subject_sex",
            "subdistrict",
            "address_text",
            "lat",
            "lng",
            "first_contact_due",
            "first_contact_at",
        ],
        sensitive=["description", "subject_description", "risk_flags"],
        retention=_(
            "A request that never became a case: by the retention schedule (months); otherwise with its case"
        ),
        subjects=_("People who need help and those who report for them"),
    ),
    Activity(
        "intake.HelpRequestPhoto",
        _("Photos sent with a request for help"),
        [CONSENT, VITAL],
        ["image"],
        security=[
            _(
                "Re-encoded and stripped of location data on upload; served only through an authorising view"
            )
        ],
        subjects=_("People who need help and those who report for them"),
    ),
    Activity(
        "intake.Contact", _("Record hotline and walk-in contacts"), [LEGAL], [], sensitive=["note"]
    ),
    Activity(
        "intake.LineConversation",
        _("Continue a conversation started on LINE"),
        [CONSENT],
        ["line_user_id"],
        subjects=_("People who need help and those who report for them"),
    ),
    Activity(
        "persons.Person",
        _("Know who a client is, find them again, avoid duplicate records"),
        [CONSENT, VITAL, LEGAL],
        [
            "given_name",
            "middle_name",
            "family_name",
            "nickname",
            "name_en",
            "sex",
            "gender_identity",
            "birth_date",
            "birth_precision",
            "age_estimate",
            "age_estimated_on",
            "nationality",
            "citizenship_status",
            "national_id",
            "languages",
            "registered_address",
            "registered_subdistrict",
            "current_address",
            "current_subdistrict",
            "no_fixed_address",
            "place_description",
            "lat",
            "lng",
            "nickname_skel",
            "duplicate_override_reason",
        ],
        sensitive=["has_disability", "disability_card", "disability_type", "identifying_marks"],
        recipients=CASE_PARTNERS,
        security=[NEED_TO_KNOW],
    ),
    Activity(
        "persons.PersonSensitive",
        _("Religion, ethnicity and health notes needed for care"),
        [CONSENT, VITAL, LEGAL],
        [],
        sensitive=["religion", "ethnicity", "health_notes"],
        security=[_("Shown only to holders of can_view_sensitive; every read audited")],
    ),
    Activity(
        "persons.PersonPhone",
        _("Reach a client safely"),
        [CONSENT, VITAL],
        ["number", "safe_to_contact"],
    ),
    Activity(
        "persons.IdentityDocument",
        _("Check identity and entitlement to welfare"),
        [CONSENT, LEGAL],
        ["number", "override_reason"],
    ),
    Activity(
        "persons.Household",
        _("Know who lives together"),
        [CONSENT, LEGAL],
        ["name", "address", "subdistrict"],
    ),
    Activity(
        "persons.Relationship",
        _("Know a client's family and carers"),
        [CONSENT, LEGAL],
        [],
        sensitive=["note"],
    ),
    Activity(
        "cases.Case",
        _("Case work: assess, plan, refer and follow up"),
        [CONSENT, VITAL, LEGAL],
        ["number"],
        sensitive=["summary", "risk_flags", "closure_summary"],
        recipients=CASE_PARTNERS,
        retention=_("The closed case plus the years in the center's retention schedule"),
        security=[NEED_TO_KNOW],
    ),
    Activity(
        "cases.CaseClient",
        _("Contact a client safely"),
        [CONSENT, VITAL],
        ["safe_phone", "safe_times", "do_not_contact"],
        sensitive=["safety_note"],
        security=[NEED_TO_KNOW],
    ),
    Activity(
        "cases.Assessment",
        _("Assess a client's needs, risks and strengths"),
        [CONSENT, VITAL, LEGAL],
        [],
        sensitive=["needs", "risks", "strengths", "living_conditions", "opinion"],
        security=[NEED_TO_KNOW],
    ),
    Activity(
        "cases.PlanGoal",
        _("Plan the help"),
        [CONSENT, LEGAL],
        [],
        sensitive=["text"],
        security=[NEED_TO_KNOW],
    ),
    Activity(
        "cases.PlanAction",
        _("Plan the help"),
        [CONSENT, LEGAL],
        [],
        sensitive=["text"],
        security=[NEED_TO_KNOW],
    ),
    Activity(
        "cases.Note",
        _("Record contacts and home visits"),
        [CONSENT, VITAL, LEGAL],
        [],
        sensitive=["text"],
        security=[NEED_TO_KNOW, _("Confidential notes shown to the author and supervisors only")],
    ),
    Activity(
        "cases.Attachment",
        _("Keep documents a case needs"),
        [CONSENT, LEGAL],
        ["original_name"],
        sensitive=["description"],
        security=[
            NEED_TO_KNOW,
            _("Checked by content on upload; private storage; every download audited"),
        ],
    ),
    Activity(
        "cases.Consent",
        _("Record the lawful basis of a case and its disclosures"),
        [LEGAL],
        ["witness", "guardian", "guardian_name"],
        sensitive=["unable_reason", "exception_reason"],
    ),
    Activity(
        "referrals.Referral",
        _("Refer a client to a partner and follow the outcome"),
        [CONSENT, VITAL, LEGAL],
        ["number", "share_summary", "share_contact"],
        sensitive=["consent_override_reason"],
        recipients=CASE_PARTNERS,
        security=[
            _(
                "The partner sees only what the referral shares, by an expiring signed link or its account"
            )
        ],
    ),
    Activity(
        "referrals.ReferralLetter",
        _("The official referral letter"),
        [LEGAL],
        ["number", "signer_name"],
        recipients=CASE_PARTNERS,
    ),
    Activity(
        "referrals.ReferralLink",
        _("Send a partner a signed link"),
        [LEGAL],
        ["email"],
        subjects=STAFF,
    ),
    Activity(
        "welfare.BenefitApplication",
        _("Apply for welfare benefits on a client's behalf"),
        [CONSENT, LEGAL],
        [],
        sensitive=["note"],
        recipients=["provincial_office", "local_government"],
    ),
    Activity(
        "volunteers.Volunteer",
        _("Register, check, train and deploy volunteers; issue their ID card"),
        [CONSENT, CONTRACT],
        [
            "given_name",
            "family_name",
            "nationality",
            "national_id",
            "passport_number",
            "birth_date",
            "phone",
            "email",
            "line_id",
            "address_text",
            "home_subdistrict",
            "area_subdistrict",
            "lat",
            "lng",
            "student_id",
            "skills",
            "languages",
            "availability",
            "availability_note",
            "emergency_name",
            "emergency_phone",
            "emergency_relation",
            "photo",
            "photo_type",
            "review_note",
        ],
        recipients=["provincial_office"],
        retention=_(
            "While active, then by the retention schedule; rejected applications by the schedule"
        ),
        subjects=_("Volunteers"),
    ),
    Activity(
        "volunteers.VolunteerEvent",
        _("A volunteer's history"),
        [CONTRACT],
        ["text"],
        subjects=_("Volunteers"),
    ),
    Activity(
        "volunteers.Card",
        _("Volunteer ID cards"),
        [CONTRACT],
        ["issuer_name"],
        subjects=_("Volunteers"),
    ),
    Activity(
        "volunteers.Visit",
        _("Send a volunteer on a home visit and record what they saw"),
        [CONSENT, VITAL, LEGAL],
        [
            "client_first_name",
            "client_phone",
            "address_text",
            "subdistrict",
            "lat",
            "lng",
            "skills_needed",
            "check_in_lat",
            "check_in_lng",
            "far_from_address",
        ],
        sensitive=["observations", "report"],
        security=[
            _(
                "The volunteer sees the client's first name, phone and address only while the visit is theirs"
            )
        ],
    ),
    Activity(
        "volunteers.VisitPhoto",
        _("Photos from a home visit"),
        [CONSENT, VITAL],
        [],
        sensitive=["image"],
    ),
    Activity(
        "volunteers.HoursEntry",
        _("Log volunteer hours"),
        [CONTRACT],
        ["decision_note"],
        subjects=_("Volunteers"),
    ),
    Activity(
        "events.Registration",
        _("Register people for forums, courses and events"),
        [CONSENT],
        ["name", "email", "phone"],
        sensitive=["accessibility"],
        subjects=_("Event participants"),
        retention=_("Until a year after the event, then by the retention schedule"),
    ),
    Activity(
        "events.Enrollment",
        _("Enrol people in courses"),
        [CONSENT],
        ["name", "email", "phone"],
        subjects=_("Course participants"),
    ),
    Activity(
        "giving.Partner",
        _("Work with CSR partners and thank donors"),
        [LEGITIMATE],
        ["contact_name", "contact_email", "contact_phone"],
        subjects=_("Partners' contact people"),
    ),
    Activity(
        "giving.PartnerContact",
        _("Work with CSR partners"),
        [LEGITIMATE],
        ["name", "email", "phone"],
        subjects=_("Partners' contact people"),
    ),
    Activity(
        "giving.Donation",
        _("Record gifts and issue receipts"),
        [CONTRACT, LEGAL],
        ["note"],
        subjects=_("Donors"),
    ),
    Activity(
        "giving.Need",
        _("Match material needs to gifts"),
        [CONSENT, LEGAL],
        [],
        sensitive=["description"],
    ),
    Activity(
        "outcomes.OutcomeRecord",
        _("Measure quality of life before and after help"),
        [CONSENT, PUBLIC_TASK],
        [],
        sensitive=["scores"],
    ),
    Activity(
        "accounts.User",
        _("Staff, partner and volunteer accounts"),
        [CONTRACT, LEGITIMATE],
        ["username", "first_name", "last_name", "email", "name_prefix", "phone"],
        subjects=STAFF,
    ),
    Activity(
        "audit.AuditEntry",
        _("Keep a trail of who did what"),
        [LEGAL, LEGITIMATE],
        ["ip"],
        subjects=STAFF,
    ),
    Activity(
        "directory.Contact",
        _("Partner organisations' contact people"),
        [LEGITIMATE],
        ["name", "email", "phone"],
        subjects=_("Partners' contact people"),
    ),
    Activity(
        "notifications.Notification",
        _("Tell staff what needs them"),
        [LEGITIMATE],
        ["text"],
        subjects=STAFF,
    ),
    Activity(
        "privacy.Breach",
        _("Record personal data breaches"),
        [LEGAL],
        [],
        sensitive=["description"],
        subjects=_("Anyone whose data was involved"),
    ),
    Activity(
        "privacy.DataRequest",
        _("Answer data subject requests"),
        [LEGAL],
        ["requester_name", "requester_contact", "on_behalf", "identity_method"],
        sensitive=["details", "decision_reason", "withheld_reason"],
        subjects=_("People who exercise their rights, and those they ask for"),
        retention=_("Three years after the answer"),
    ),
    Activity(
        "privacy.BreachEvent",
        _("A breach's timeline"),
        [LEGAL],
        ["text"],
        subjects=_("Anyone whose data was involved"),
    ),
]

# Fields whose names look personal but hold none, and why.
NOT_PERSONAL: dict[str, tuple[set[str], str]] = {
    "geo.Province": ({"name_th", "name_en"}, "place names"),
    "geo.District": ({"name_th", "name_en"}, "place names"),
    "geo.Subdistrict": ({"name_th", "name_en"}, "place names"),
    "centers.Center": (
        {"name_th", "name_en", "address_line", "subdistrict", "phone", "email"},
        "the center's own contact details",
    ),
    "centers.Team": ({"name", "description"}, "a team's name"),
    "directory.Organization": (
        {"name_th", "name_en", "description", "phone", "email", "address_line", "subdistrict"},
        "an organisation's public details",
    ),
    "directory.TaxonomyTerm": ({"name_th", "name_en", "description"}, "reference data"),
    "directory.Program": ({"name_th", "name_en", "description"}, "an organisation's programme"),
    "directory.Service": (
        {
            "name_th",
            "name_en",
            "description",
            "email",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "fees_description",
            "languages",
        },
        "a public service description",
    ),
    "directory.Location": (
        {"name", "description", "address_line", "subdistrict", "lat", "lng"},
        "a service's public address",
    ),
    "directory.ServiceAtLocation": ({"description"}, "a public service description"),
    "directory.Phone": ({"description", "number"}, "an organisation's phone"),
    "directory.Schedule": ({"description"}, "opening hours"),
    "directory.ServiceArea": ({"subdistrict"}, "where a service works"),
    "intake.Category": ({"name_th", "name_en"}, "reference data"),
    "welfare.Benefit": ({"name_th", "name_en", "agency"}, "reference data"),
    "volunteers.VolunteerType": ({"name_th", "name_en"}, "reference data"),
    "outcomes.Domain": ({"name_th", "name_en"}, "reference data"),
    "cases.PlanRevision": ({"number"}, "a revision's sequence number"),
    "events.Event": ({"description"}, "a public event's description"),
    "reports.Fact": ({"disabled"}, "aggregate counts"),
    "reports.Export": ({"report"}, "a report's kind"),
    "research.Extract": ({"report"}, "the k-anonymity report: counts per combination"),
    "api.ApiToken": ({"name"}, "a token's label"),
    "giving.Partner": ({"name"}, "a business or foundation"),
}


def activities() -> list[Activity]:
    return ACTIVITIES
