"""Word lists that let the actor finder read news the way a reader does.

Countries with their demonyms, capitals and the metonyms journalists use for their governments;
well-known organisations and parties with their short forms; titles and role nouns. Each row is
``canonical | demonyms | capitals and metonyms | other names``, with ``;`` between items.
"""

from __future__ import annotations

_COUNTRIES = """
United States|American;Americans;U.S.;US|Washington;the White House;the Pentagon;the State Department;the administration|U.S.;US;USA;the US;the U.S.;America;the United States
United Kingdom|British;Britons|London;Downing Street;Whitehall;the Foreign Office|UK;U.K.;Britain;Great Britain;the UK
France|French|Paris;the Elysee;the Élysée;the Quai d'Orsay|
Germany|German;Germans|Berlin;the Chancellery|
China|Chinese|Beijing;Zhongnanhai|PRC;People's Republic of China
Russia|Russian;Russians|Moscow;the Kremlin|Russian Federation
Japan|Japanese|Tokyo|
India|Indian;Indians|New Delhi;Delhi|
Italy|Italian;Italians|Rome;Palazzo Chigi|
Spain|Spanish;Spaniards|Madrid;La Moncloa|
Canada|Canadian;Canadians|Ottawa|
Mexico|Mexican;Mexicans|Mexico City|
Brazil|Brazilian;Brazilians|Brasilia;Brasília|
Argentina|Argentine;Argentinian;Argentinians|Buenos Aires|
Australia|Australian;Australians|Canberra|
New Zealand|New Zealander;New Zealanders|Wellington|
South Korea|South Korean;South Koreans|Seoul|Korea;Republic of Korea
North Korea|North Korean;North Koreans|Pyongyang|DPRK
Taiwan|Taiwanese|Taipei|
Ukraine|Ukrainian;Ukrainians|Kyiv;Kiev|
Poland|Polish;Poles|Warsaw|
Netherlands|Dutch|The Hague;Amsterdam|Holland;the Netherlands
Belgium|Belgian;Belgians||
Sweden|Swedish;Swedes|Stockholm|
Norway|Norwegian;Norwegians|Oslo|
Denmark|Danish;Danes|Copenhagen|
Finland|Finnish;Finns|Helsinki|
Ireland|Irish|Dublin|
Austria|Austrian;Austrians|Vienna|
Switzerland|Swiss|Bern;Berne|
Greece|Greek;Greeks|Athens|
Turkey|Turkish;Turks|Ankara|Türkiye
Hungary|Hungarian;Hungarians|Budapest|
Czech Republic|Czech;Czechs|Prague|Czechia
Romania|Romanian;Romanians|Bucharest|
Portugal|Portuguese|Lisbon|
Israel|Israeli;Israelis|Jerusalem|
Iran|Iranian;Iranians|Tehran|
Iraq|Iraqi;Iraqis|Baghdad|
Syria|Syrian;Syrians|Damascus|
Saudi Arabia|Saudi;Saudis|Riyadh|
United Arab Emirates|Emirati;Emiratis|Abu Dhabi|UAE
Qatar|Qatari;Qataris|Doha|
Egypt|Egyptian;Egyptians|Cairo|
South Africa|South African;South Africans|Pretoria|
Nigeria|Nigerian;Nigerians|Abuja|
Kenya|Kenyan;Kenyans|Nairobi|
Ethiopia|Ethiopian;Ethiopians|Addis Ababa|
Pakistan|Pakistani;Pakistanis|Islamabad|
Afghanistan|Afghan;Afghans|Kabul|
Indonesia|Indonesian;Indonesians|Jakarta|
Philippines|Filipino;Filipinos;Philippine|Manila|the Philippines
Vietnam|Vietnamese|Hanoi|Viet Nam
Thailand|Thai|Bangkok|
Malaysia|Malaysian;Malaysians|Kuala Lumpur|
Singapore|Singaporean;Singaporeans||
Chile|Chilean;Chileans|Santiago|
Colombia|Colombian;Colombians|Bogota;Bogotá|
Venezuela|Venezuelan;Venezuelans|Caracas|
Cuba|Cuban;Cubans|Havana|
Serbia|Serbian;Serbs|Belgrade|
Belarus|Belarusian;Belarusians|Minsk|
Georgia|Georgian;Georgians|Tbilisi|
Lithuania|Lithuanian;Lithuanians|Vilnius|
Latvia|Latvian;Latvians|Riga|
Estonia|Estonian;Estonians|Tallinn|
Scotland|Scottish;Scots|Edinburgh;Holyrood|
"""

_ORGANIZATIONS = """
NATO|Nato;North Atlantic Treaty Organization;North Atlantic Treaty Organisation;the alliance
European Union|EU;the EU;E.U.;Brussels;the bloc
European Commission|the Commission;Brussels
United Nations|UN;U.N.;the UN
World Trade Organization|WTO;World Trade Organisation
World Health Organization|WHO;World Health Organisation
International Monetary Fund|IMF;the Fund
World Bank|
Republican Party|Republicans;Republican;GOP;G.O.P.
Democratic Party|Democrats;Democrat;Democratic
Labour Party|Labour
Conservative Party|Conservatives;Conservative;Tories;Tory
Liberal Democrats|Lib Dems;Liberal Democrat
Congress|lawmakers;Capitol Hill;U.S. Congress
Federal Reserve|the Fed
"""

TITLES = (
    "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Professor", "President", "Vice President", "Prime Minister",
    "Chancellor", "Senator", "Sen", "Rep", "Representative", "Congressman", "Congresswoman", "Governor",
    "Gov", "Mayor", "Minister", "Secretary", "Speaker", "Judge", "Justice", "General", "Gen", "Premier",
    "King", "Queen", "Prince", "Princess", "Ambassador", "Commissioner", "Chairman", "Chairwoman",
    "Chair", "Leader", "Sheikh", "Pope", "Lord", "Lady", "Sir", "Dame", "Councillor", "Councilman",
    "Councilwoman", "Deputy", "Foreign Minister", "Defence Minister", "Defense Secretary",
    "Secretary of State", "Attorney General", "Chief Executive", "CEO",
)
# Role nouns that name a person speaking for an actor ("a French official", "the spokesperson").
PERSON_ROLES = (
    "official", "spokesperson", "spokesman", "spokeswoman", "minister", "president", "leader",
    "ambassador", "diplomat", "envoy", "chancellor", "premier", "secretary", "senator", "lawmaker",
    "congressman", "congresswoman", "governor", "mayor", "chief executive", "executive", "ceo",
    "chairman", "chairwoman", "chair", "director", "negotiator", "representative", "prime minister",
    "foreign minister", "king", "queen", "commissioner", "judge", "head", "boss", "founder",
)
# Plural collective nouns for the people of an actor ("French officials", "Japanese authorities").
GROUP_ROLES = (
    "officials", "authorities", "government", "lawmakers", "diplomats", "ministers", "leaders",
    "negotiators", "delegation", "administration", "ministry", "foreign ministry", "regulators",
    "side", "forces", "military", "army", "troops", "parliament", "legislators", "politicians",
    "prosecutors", "embassy", "cabinet", "state media", "envoys", "president", "prime minister",
    "foreign minister", "official", "spokesperson", "spokesman", "spokeswoman", "minister", "leader",
    "ambassador", "diplomat", "envoy", "chancellor", "premier", "defence minister", "defense minister",
    "trade minister", "finance minister", "economy minister", "counterparts", "counterpart",
)
# Words after a place name that make it part of a longer name, not the actor ("East China Sea").
NOT_ACTOR_AFTER = {"Sea", "Ocean", "Strait", "Straits", "Gulf", "River", "Times", "Post", "Airport",
                   "University", "Stock", "Street", "Square", "Island", "Islands", "Peninsula", "Bay",
                   "Mountains", "Basin", "Coast", "Cup", "Open", "Grand", "Games"}
# Plural nouns for groups of people: "they" after one of them in the same sentence is that group.
PEOPLE_PLURALS = (
    "officials", "authorities", "lawmakers", "legislators", "politicians", "diplomats", "leaders", "ministers",
    "governments", "critics", "opponents", "supporters", "analysts", "economists", "experts", "researchers",
    "scientists", "activists", "campaigners", "protesters", "voters", "residents", "citizens", "people",
    "workers", "employees", "dockworkers", "farmers", "exporters", "importers", "investors", "shareholders",
    "customers", "consumers", "patients", "doctors", "nurses", "teachers", "students", "parents", "families",
    "children", "members", "companies", "firms", "businesses", "employers", "retailers", "banks", "insurers",
    "hospitals", "publishers", "negotiators", "rebels", "migrants", "immigrants", "refugees", "drivers",
    "owners", "landlords", "tenants", "unions", "groups", "advocates", "lobbyists", "donors", "states", "cities",
)

# A party's wing, named in lower case, speaks for the party when it is not an actor of its own
# ("the refusal by conservatives to compromise"); ranked below the party's own names.
PARTY_WINGS = {"Republican Party": ("conservatives",), "Democratic Party": ("liberals", "progressives")}

COMPANY_SUFFIXES = ("Inc", "Inc.", "Corp", "Corp.", "Corporation", "Ltd", "Ltd.", "plc", "PLC", "LLC",
                    "Co", "Co.", "Group", "Holdings", "AG", "SA", "S.A.", "NV", "N.V.", "SE", "GmbH")


def _split(field: str) -> list[str]:
    return [x.strip() for x in field.split(";") if x.strip()]


def _countries() -> dict[str, dict[str, list[str]]]:
    table = {}
    for line in _COUNTRIES.strip().splitlines():
        name, demonyms, capitals, others = (line.split("|") + [""] * 4)[:4]
        table[name] = {"demonyms": _split(demonyms), "capitals": _split(capitals), "names": _split(others)}
    return table


def _organizations() -> dict[str, list[str]]:
    table = {}
    for line in _ORGANIZATIONS.strip().splitlines():
        name, aliases = (line.split("|") + [""])[:2]
        table[name] = _split(aliases)
    return table


COUNTRIES = _countries()
ORGANIZATIONS = _organizations()
PARTIES = {name for name in ORGANIZATIONS if "Party" in name or name == "Liberal Democrats"}


def canonical_lookup() -> dict[str, str]:
    """Every known surface form (name, alias, demonym, capital) -> canonical actor name."""
    lookup: dict[str, str] = {}
    for name, info in COUNTRIES.items():
        for form in [name, *info["names"], *info["demonyms"], *info["capitals"]]:
            lookup.setdefault(form, name)
    for name, aliases in ORGANIZATIONS.items():
        for form in [name, *aliases]:
            lookup.setdefault(form, name)
    return lookup
