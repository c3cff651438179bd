"""The identifying-details check's measured test set: pages of published-style review prose,
some with identifiers planted in them (every kind, at least 20 of each), and clean pages that
have only the words that look like identifiers and are not (agency names, "Child J", the
dates of meetings).

Everything here is invented and written here, independently of the recognisers: the names
are from the list below (not from the check's own name lists), postcodes are built from
outward codes and letters written here, phone numbers are in Ofcom's ranges kept for drama
(those libphonenumber holds valid: 020 7946 0xxx, 0113 496 0xxx ...), NHS numbers are random
nine digits with their modulus 11 check digit. Deterministic: one seeded random.Random.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from casereview.publication.choices import FindingKind as K

SEED = 20180704  # Working Together 2018's publication
PSEUDONYMS = ("Child J", "Baby L", "Family F")
REVIEWER = "Dr Helen Marsh"  # the independent reviewer, allowed by the partnership
ALLOWED = (REVIEWER, "Thames Valley Police")
PER_KIND = 26
PLANTED_PER_PAGE = 4
CLEAN_PAGES = 24


@dataclass(frozen=True)
class Planted:
    kind: K
    text: str
    page: int  # 1-based
    start: int  # where it stands in its page's text


@dataclass
class PlantedSet:
    pages: list[str] = field(default_factory=list)
    planted: list[Planted] = field(default_factory=list)
    clean_pages: list[int] = field(default_factory=list)  # 1-based


# Invented full names typical of England and Wales, across origins.
FULL_NAMES = [
    # English
    "Chloe Hartley", "Daniel Ashworth", "Megan Fairclough", "Liam Thornton", "Jessica Pendleton",
    "Bethany Cartwright", "Kieran Holloway",
    # Scottish
    "Callum MacLeod", "Isla Buchanan", "Fraser McIntyre", "Eilidh Donaldson",
    # Welsh
    "Rhys Pritchard", "Carys Llewellyn", "Dylan Bowen", "Ffion Jenkins",
    # Irish
    "Siobhan Kelly", "Niamh O'Sullivan", "Declan Brennan", "Aoife Gallagher",
    # South Asian
    "Priya Sharma", "Imran Chaudhry", "Aisha Begum", "Harpreet Sandhu", "Ravi Patel",
    "Nusrat Hussain", "Zainab Akhtar",
    # African
    "Chidi Okonkwo", "Adaeze Eze", "Kwame Mensah", "Amara Okafor", "Tunde Adeyemi",
    "Fatuma Abdi",
    # Caribbean
    "Marcia Campbell", "Delroy Francis", "Shanice Gayle", "Winston Forbes",
    # Eastern European
    "Agnieszka Nowak", "Tomasz Kowalski", "Andrei Popescu", "Ionela Dumitru",
    "Lukas Petrauskas", "Katarzyna Wozniak",
    # Chinese
    "Wei Zhang", "Mei Ling Chen", "Jun Li", "Xiu Ying Huang",
]  # fmt: skip
TITLES = ["Mr", "Mrs", "Ms", "Miss", "Dr"]
OUTWARD = ["OX4", "OX1", "OX16", "RG1", "SN2", "B12", "M14", "LS8", "CF24", "NE6", "SW9",
           "E17", "BS5", "L8", "NG7", "LE2", "HP13", "MK6", "SE15", "N1", "W1A", "EC1V"]  # fmt: skip
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
STREET_NAMES = ["Elm", "Beech", "Cowley", "Station", "Victoria", "Mill", "Church", "Meadow",
                "Larch", "Rosemary", "Wellington", "Thornbury", "Kingfisher", "Hazel", "Orchard"]  # fmt: skip
STREET_TYPES = ["Road", "Street", "Lane", "Avenue", "Close", "Drive", "Crescent", "Gardens",
                "Terrace", "Way", "Place", "Court"]  # fmt: skip
BUILDINGS = ["Beech House", "Kestrel Court", "Albion Tower", "Ferry Lodge", "Canal Point"]
SCHOOLS = [
    "St Mary's Primary School", "Little Acorns Nursery", "Riverside Academy",
    "Cherwell Valley College", "Rainbow Pre-School", "Oakfield Infant School",
    "Greenhill Church of England Primary School", "Sunshine Day Nursery",
    "Westgate High School", "Holy Trinity Catholic Primary School", "Bright Stars Nursery",
    "Larkrise Community Primary School", "Brookside Junior School", "Marlowe Academy",
    "St Aidan's CE Primary School", "Windmill Hill Nursery", "Castlefield Secondary School",
]  # fmt: skip
PHONE_RANGES = ["020 7946 0{}", "0113 496 0{}", "0114 496 0{}", "0116 496 0{}",
                "0117 496 0{}", "0118 496 0{}", "0121 496 0{}", "0131 496 0{}",
                "0141 496 0{}", "0151 496 0{}", "0161 496 0{}", "028 9649 6{}",
                "029 2018 0{}", "0191 498 0{}", "+44 20 7946 0{}", "+44 161 496 0{}"]  # fmt: skip
EMAIL_DOMAINS = ["example.org", "example.co.uk", "example.com", "mail.example.net"]
NI_PREFIXES = ["AB", "CE", "JK", "PR", "WL", "HT", "MN", "EH", "SX", "TY", "LP", "GR"]
COURT_CODES = ["LV", "OX", "MA", "BM", "ZW", "LS", "NE", "RG", "SN", "CF"]
LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"  # in registrations: never I, Q or Z
YEAR_LETTERS = "ABCDEFGHJKLMNPRSTVWXY"  # a prefix's or suffix's year: never I, O, Q, U or Z
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


def a_date(rng: random.Random, year: int | None = None) -> str:
    day, month = rng.randint(1, 28), rng.randrange(12)
    year = year or rng.randint(2012, 2019)
    form = rng.randrange(4)
    if form == 0:
        return f"{day} {MONTHS[month]} {year}"
    if form == 1:
        return f"{day:02d}/{month + 1:02d}/{year}"
    if form == 2:
        return f"{day}{'th' if day > 3 else ['st', 'nd', 'rd'][day - 1]} {MONTHS[month]} {year}"
    return f"{day}.{month + 1}.{str(year)[2:]}"


def nhs_number(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            number = "".join(map(str, digits)) + str(check)
            return f"{number[:3]} {number[3:6]} {number[6:]}" if rng.random() < 0.7 else number


def registration(rng: random.Random) -> str:
    letters = lambda n: "".join(rng.choice(LETTERS) for _ in range(n))  # noqa: E731
    style = rng.randrange(5)
    if style == 0:
        return f"{rng.choice(YEAR_LETTERS)}{rng.randint(1, 999)} {letters(3)}"  # 1983-2001
    if style == 1:
        return f"{letters(3)} {rng.randint(1, 999)}{rng.choice(YEAR_LETTERS)}"  # 1963-1983
    age = rng.choice([rng.randint(2, 24), rng.randint(51, 74)])
    return f"{letters(2)}{age:02d} {letters(3)}"


def email(rng: random.Random) -> str:
    first, last = rng.choice(FULL_NAMES).split()[0], rng.choice(FULL_NAMES).split()[-1]
    return f"{first.lower()}.{last.lower().replace(chr(39), '')}@{rng.choice(EMAIL_DOMAINS)}"


# Each kind: what to plant, and sentences to plant it in ({x} is the identifier).
Maker = Callable[[random.Random], str]
MAKERS: dict[K, Maker] = {
    K.NAME: lambda r: r.choice(
        [
            r.choice(FULL_NAMES),
            f"{r.choice(TITLES)} {r.choice(FULL_NAMES).split()[-1]}",
            r.choice(FULL_NAMES).split()[0],
        ]
    ),
    K.DATE_OF_BIRTH: a_date,
    K.POSTCODE: lambda r: (
        f"{r.choice(OUTWARD)} {r.randint(1, 9)}"
        + "".join(r.choice(INWARD_LETTERS) for _ in range(2))
    ),
    K.ADDRESS: lambda r: r.choice(
        [
            f"{r.randint(1, 140)} {r.choice(STREET_NAMES)} {r.choice(STREET_TYPES)}",
            f"Flat {r.randint(1, 30)}, {r.randint(1, 90)} {r.choice(STREET_NAMES)} Road",
            f"Flat {r.randint(1, 30)}, {r.choice(BUILDINGS)}",
        ]
    ),
    K.SCHOOL: lambda r: r.choice(SCHOOLS),
    K.PHONE: lambda r: r.choice(PHONE_RANGES).format(f"{r.randint(0, 999):03d}"),
    K.EMAIL: lambda r: email(r),
    K.NHS_NUMBER: nhs_number,
    K.NI_NUMBER: lambda r: (
        r.choice(NI_PREFIXES)
        + (" " if r.random() < 0.5 else "").join(f"{r.randint(0, 99):02d}" for _ in range(3))
        + r.choice("ABCD")
    ),
    K.REFERENCE: lambda r: r.choice(
        [
            f"{r.choice(COURT_CODES)}{r.randint(12, 19)}{r.choice('CP')}{r.randint(0, 99999):05d}",
            f"{r.randint(1000, 99999)}/{r.randint(2012, 2019)}",
            f"4319{r.randint(0, 9999999):07d}",
            f"CS/{r.randint(2012, 2019)}/{r.randint(1, 9999):05d}",
        ]
    ),
    K.VEHICLE: registration,
    K.PSEUDONYM_INCONSISTENT: lambda r: r.choice(
        ["child J", "Child-J", "Baby J", "Child K", "ChildJ", "Child j", "J", "Family J"]
    ),
}
SENTENCES: dict[K, list[str]] = {
    K.NAME: [
        "The health visitor recorded that {x} had been staying at the home most nights.",
        "In interview for this review, the social worker said that {x} was not known to her.",
        "Police checks on {x} showed two earlier call-outs for domestic abuse.",
        "The midwife noted that {x} attended the booking appointment with Mother.",
        "Nobody asked who {x} was or what part he played in the household.",
    ],
    K.DATE_OF_BIRTH: [
        "Child J was born on {x} at the maternity unit, two weeks early.",
        "The referral form gave Baby L's date of birth as {x}.",
        "Mother's sibling (DOB {x}) was also living at the address.",
        "Child J died on {x}, three days after the admission.",
        "The chronology starts with Father's birthday on {x}, when the first incident occurred.",
    ],
    K.POSTCODE: [
        "The GP registration gave the postcode {x}, which was out of area.",
        "Housing records place the family at {x} for most of 2016.",
        "The ambulance was sent to {x} after the 999 call.",
    ],
    K.ADDRESS: [
        "The family moved to {x} in the spring, without telling the school nurse.",
        "Officers attended {x} following a neighbour's call.",
        "The health visitor's letters went to {x} long after the family had left.",
    ],
    K.SCHOOL: [
        "Child J started at {x} in the September, and attendance soon fell.",
        "The designated safeguarding lead at {x} made two referrals to the MASH.",
        "Staff at {x} noticed that Child J was often hungry.",
    ],
    K.PHONE: [
        "Mother gave a new contact number, {x}, which the GP surgery did not record.",
        "The duty social worker rang {x} twice and left messages.",
        "The referral gave Father's number as {x}.",
    ],
    K.EMAIL: [
        "The school wrote to Mother at {x} but had no reply.",
        "Father's solicitor's emails came from {x}.",
        "The housing officer copied {x} into the letter.",
    ],
    K.NHS_NUMBER: [
        "The discharge summary gave the NHS number {x}.",
        "The child health record, NHS number {x}, was not transferred.",
        "Baby L's records ({x}) were merged with a sibling's in error.",
    ],
    K.NI_NUMBER: [
        "The benefits letter quoted Father's National Insurance number, {x}.",
        "Mother's NI number ({x}) appeared on the housing application.",
        "The DWP record under {x} showed a change of address.",
    ],
    K.REFERENCE: [
        "The care proceedings, case number {x}, ended with a supervision order.",
        "The police log (crime reference {x}) was closed with no further action.",
        "Ref: {x} was the file the housing team kept on the family.",
        "The court papers, {x}, were shared with the review.",
    ],
    K.VEHICLE: [
        "Father was seen driving a silver car, registration {x}, near the home.",
        "Police stopped the van ({x}) at midnight with Child J inside.",
        "A neighbour reported the vehicle {x} parked outside for several nights.",
    ],
    K.PSEUDONYM_INCONSISTENT: [
        "The paediatrician examined {x} and recorded bruising to the arm.",
        "The chronology shows {x} was not brought to three appointments.",
        "Records show that {x} had no health visitor contact after eight weeks.",
    ],
}
FILLER = [
    "The strategy discussion on {date} was held with Thames Valley Police, children's social care and health.",
    "A multi-agency meeting on {date} agreed that the case should step down to early help.",
    "Children's social care received a referral from the GP on {date}.",
    "The health visiting service completed the new birth visit and recorded no concerns.",
    "The designated nurse attended the initial child protection conference on {date}.",
    "The MASH shared information with the school nurse and the GP practice.",
    "Mother told the health visitor that Father had moved out, and this was accepted without checking.",
    "Mr X was known to Thames Valley Police for offences of violence against a previous partner.",
    "Ms Y, the maternal grandmother, offered to care for Child J at weekends.",
    "The report of 3 May 2017 from the paediatrician was not shared with the social worker.",
    "Practitioners did not consider the impact of Father's drinking on his care of Baby L.",
    "Agencies worked in isolation, and no one held the whole picture of the family's life.",
    "The review found that professional curiosity was lacking at key points.",
    "The learning for the partnership is that the voice of the child must be heard in every assessment.",
    "Oxfordshire County Council's housing team were not invited to the core group.",
    "Oxford University Hospitals NHS Foundation Trust has since changed its discharge checklist.",
    "The Family Court made an interim care order after the hearing on {date}.",
    "Section 47 enquiries began the next day, led by the duty team.",
    "Working Together to Safeguard Children 2018 expects agencies to share information early.",
    "The child protection plan was ended at the review conference on {date}.",
    "The school said that Child J's attendance was 84 per cent in the summer term.",
    "A primary school and the nursery both raised concerns, but the concerns were not linked.",
    "Family F had moved three times in two years, each move following rent arrears.",
    "The GP saw Baby L for a chest infection on {date} and did not know of the plan.",
    "Recommendation 4 asks the partnership to audit the quality of referrals to the MASH.",
    "The independent reviewer, Dr Helen Marsh, met the practitioners on {date}.",
    "Appendix A sets out the terms of reference agreed by the safeguarding partners.",
    "The rapid review was held on {date} and recommended a local child safeguarding practice review.",
    "Mother's engagement with the substance misuse service was sporadic.",
    "The probation service held information about Mr X that was not shared.",
    "In May 2016 the case was transferred between teams, and the new worker did not visit for six weeks.",
    "Baby L was born prematurely, and the neonatal unit made a referral before discharge.",
    "The housing association did not know that children lived at the property.",
    "Child J told a teaching assistant that there was no food at home.",
    "The child and family assessment was completed on {date}, outside the timescale.",
    "The school nursing service offered a health review that did not take place.",
    "The education welfare officer visited the home and found no one in.",
    "Health visiting records were clear and timely.",
    "The designated doctor's report of {date} identified missed opportunities.",
    "Father said that he would engage with the parenting programme, but did not attend.",
    "The family moved from Birmingham to Oxford in 2015, and the case was transferred between local authorities.",
    "Reading Borough Council and Swindon Borough Council both held records of earlier contact.",
    "Child J's class teacher described a bright, sociable child who loved drawing.",
    "The Child Safeguarding Practice Review Panel was notified within five working days.",
    "Paragraph 4.12 of the terms of reference asks about information sharing between 2015 and 2017.",
    "The Early Help Assessment was opened by the school's pastoral lead on {date}.",
    "Baby L's weight fell from the 50th to the 9th centile between 6 and 8 weeks.",
    "The 999 call was logged at 02:14, and officers arrived 40 minutes later.",
    "The Multi-Agency Risk Assessment Conference (MARAC) heard the case twice in 2016.",
    "Mother was seen at the Emergency Department of the John Radcliffe Hospital on {date}.",
    "Ofsted's inspection in 2017 judged children's services to require improvement.",
    "The Independent Domestic Violence Adviser offered support that Mother declined.",
    "Shortly after Baby L was born, the midwife made a referral, and a strategy discussion took place on {date}.",
    "Mr X's probation officer recorded on {date} that he was living with a new partner.",
    "The review panel, chaired by the Head of Safeguarding, met four times.",
    "The Christmas holidays of 2016 were the longest gap in contact with any agency.",
    "Children's social care case notes for 12 and 14 March 2017 are missing.",
]


def page_of(
    rng: random.Random, planted: list[tuple[K, str]]
) -> tuple[str, list[tuple[K, str, int]]]:
    """A page of about 300 words: filler sentences with the planted sentences among them."""
    sentences: list[tuple[str, tuple[K, str] | None]] = []
    words = 0
    while words < 300 - 15 * len(planted):
        sentence = rng.choice(FILLER).replace("{date}", a_date(rng))
        sentences.append((sentence, None))
        words += len(sentence.split())
    for kind, text in planted:
        sentence = rng.choice(SENTENCES[kind])
        sentences.insert(rng.randrange(len(sentences) + 1), (sentence, (kind, text)))
    return compose(rng, sentences)


def compose(
    rng: random.Random, sentences: list[tuple[str, tuple[K, str] | None]]
) -> tuple[str, list[tuple[K, str, int]]]:
    text, where = "", []
    for number, (sentence, plant) in enumerate(sentences):
        if number:
            text += "\n\n" if rng.random() < 0.2 else " "
        if plant:
            before, after = sentence.split("{x}")
            where.append((plant[0], plant[1], len(text) + len(before)))
            sentence = before + plant[1] + after
        text += sentence
    return text, where


def build(seed: int = SEED) -> PlantedSet:
    rng = random.Random(seed)
    to_plant = [(kind, MAKERS[kind](rng)) for kind in K for _ in range(PER_KIND)]
    rng.shuffle(to_plant)
    pages: list[list[tuple[K, str]]] = [
        to_plant[at : at + PLANTED_PER_PAGE] for at in range(0, len(to_plant), PLANTED_PER_PAGE)
    ]
    pages += [[] for _ in range(CLEAN_PAGES)]
    rng.shuffle(pages)
    built = PlantedSet()
    for number, planted in enumerate(pages, start=1):
        text, where = page_of(rng, planted)
        built.pages.append(text)
        built.planted += [Planted(kind, t, number, start) for kind, t, start in where]
        if not planted:
            built.clean_pages.append(number)
    return built
