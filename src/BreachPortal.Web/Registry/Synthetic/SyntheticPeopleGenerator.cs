using System.Globalization;
using System.Text;
using BreachPortal.Web.Registry.Normalisation;

namespace BreachPortal.Web.Registry.Synthetic;

/// <summary>
/// Builds row <c>i</c> of an extract from the seed and <c>i</c> alone. The NIR is a mixed-radix reading of a keyed
/// permutation of <c>i</c> (order, month, year, sex, place of birth), so two rows never share one.
/// </summary>
internal sealed class SyntheticPeopleGenerator
{
    public const int FirstBirthYear = 1955;
    public const int BirthYears = 52;
    private const int OrdersPerCommune = 999;
    private const long FranceTravailIdCapacity = 10_000_000L * 36;
    private const string IdLastCharacters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public static readonly long NirCapacity = (long)OrdersPerCommune * 12 * BirthYears * 2 * FrenchData.BirthPlaces.Length;

    private static readonly BrokenRowKind[] Kinds = Enum.GetValues<BrokenRowKind>();
    private static readonly string[] TwoDigitKeys = [.. Enumerable.Range(0, 98).Select(k => k.ToString("D2", CultureInfo.InvariantCulture))];
    private static readonly string[] ExtraFields = ["", "à vérifier", "inscrit le 12/03/2024", "ancien identifiant"];

    private readonly ulong _seed;
    private readonly ulong _breakSeed;
    private readonly double _badRowFraction;
    private readonly IndexPermutation _nirs;
    private readonly IndexPermutation _franceTravailIds;

    public SyntheticPeopleGenerator(long seed, double badRowFraction)
    {
        _seed = DeterministicRandom.Mix((ulong)seed);
        _breakSeed = DeterministicRandom.Mix(_seed ^ 0xB20C_E2E0);
        _badRowFraction = badRowFraction;
        _nirs = new IndexPermutation(NirCapacity, DeterministicRandom.Mix(_seed + 1));
        _franceTravailIds = new IndexPermutation(FranceTravailIdCapacity, DeterministicRandom.Mix(_seed + 2));
    }

    /// <summary>Rows are broken at even intervals, so a file of N rows holds exactly ⌊N × fraction⌋ broken ones.</summary>
    public BrokenRowKind? BrokenKindAt(long index)
    {
        var before = (long)Math.Floor(index * _badRowFraction);
        var after = (long)Math.Floor((index + 1) * _badRowFraction);
        return after > before ? Kinds[before % Kinds.Length] : null;
    }

    public SyntheticPerson Create(long index)
    {
        var kind = BrokenKindAt(index);
        var good = CreateGood(index);
        if (kind is not { } broken)
        {
            return good.Person;
        }

        var random = new DeterministicRandom(_breakSeed, index);
        if (broken == BrokenRowKind.DuplicateInFile)
        {
            if (EarlierGoodRow(index, ref random) is { } earlier)
            {
                var original = CreateGood(earlier).Person;
                return good.Person with
                {
                    Nir = original.Nir,
                    FranceTravailId = original.FranceTravailId,
                    LastName = original.LastName,
                    FirstName = original.FirstName,
                    DateOfBirth = original.DateOfBirth,
                    PlaceOfBirth = original.PlaceOfBirth,
                    Broken = broken,
                };
            }

            // Only a file whose every row is broken has no good row to repeat.
            broken = Kinds[((int)broken + 1) % Kinds.Length];
        }

        return Break(good, broken, ref random) with { Broken = broken };
    }

    private long? EarlierGoodRow(long index, ref DeterministicRandom random)
    {
        if (index == 0 || _badRowFraction >= 1)
        {
            return null;
        }

        // Below a fraction of 1 the first row is always good, so the walk back ends.
        var candidate = random.NextInt64(index);
        while (BrokenKindAt(candidate) is not null)
        {
            candidate--;
        }

        return candidate;
    }

    private GoodPerson CreateGood(long index)
    {
        var random = new DeterministicRandom(_seed, index);
        var code = _nirs.Apply(index);
        var order = (int)(code % OrdersPerCommune) + 1;
        code /= OrdersPerCommune;
        var month = (int)(code % 12) + 1;
        code /= 12;
        var year = FirstBirthYear + (int)(code % BirthYears);
        code /= BirthYears;
        var sex = (int)(code % 2) + 1;
        var birthPlace = FrenchData.BirthPlaces[code / 2];

        var born = new DateOnly(year, month, random.Next(1, DateTime.DaysInMonth(year, month) + 1));
        var firstName = random.Pick(sex == 1 ? FrenchData.MaleFirstNames : FrenchData.FemaleFirstNames);
        var lastName = random.Pick(FrenchData.LastNames);
        var residence = random.Pick(FrenchData.Residences);
        var person = new SyntheticPerson
        {
            Index = index,
            Nir = NirOf(sex, year, month, birthPlace.NirDepartment(year), birthPlace.Commune, order),
            FranceTravailId = FranceTravailIdOf(_franceTravailIds.Apply(index)),
            LastName = lastName.Text,
            FirstName = firstName.Text,
            DateOfBirth = DateOfBirthOf(born, iso: random.Percent(85)),
            PlaceOfBirth = birthPlace.Name,
            Email = random.Percent(10) ? null : EmailOf(firstName, lastName, index, ref random),
            Phone = random.Percent(10) ? null : PhoneOf(residence, ref random),
            Address = AddressOf(ref random),
            PostalCode = residence.Town.PostalCode,
            City = residence.Town.City,
        };
        return new(person, sex, born);
    }

    private static string NirOf(int sex, int year, int month, string department, string commune, int order)
    {
        var body = string.Create(13, (sex, year, month, department, commune, order), static (span, parts) =>
        {
            span[0] = (char)('0' + parts.sex);
            WriteDigits(span.Slice(1, 2), parts.year % 100);
            WriteDigits(span.Slice(3, 2), parts.month);
            parts.department.CopyTo(span[5..]);
            parts.commune.CopyTo(span[7..]);
            WriteDigits(span.Slice(10, 3), parts.order);
        });
        return string.Concat(body, TwoDigitKeys[Nir.ComputeKey(body)]);
    }

    private static string DateOfBirthOf(DateOnly born, bool iso) => string.Create(10, (born, iso), static (span, date) =>
    {
        var (year, month, day) = date.born;
        if (date.iso)
        {
            WriteDigits(span[..4], year);
            span[4] = span[7] = '-';
            WriteDigits(span.Slice(5, 2), month);
            WriteDigits(span.Slice(8, 2), day);
        }
        else
        {
            WriteDigits(span[..2], day);
            span[2] = span[5] = '/';
            WriteDigits(span.Slice(3, 2), month);
            WriteDigits(span.Slice(6, 4), year);
        }
    });

    private static string FranceTravailIdOf(long value) => string.Create(8, value, static (span, value) =>
    {
        WriteDigits(span[..7], value / IdLastCharacters.Length);
        span[7] = IdLastCharacters[(int)(value % IdLastCharacters.Length)];
    });

    private static void WriteDigits(Span<char> destination, long value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    // Reserved or example domains only: a demo must never mail a real mailbox.
    private static string EmailOf(FrenchName firstName, FrenchName lastName, long index, ref DeterministicRandom random)
    {
        var domain = random.Next(100) switch
        {
            < 35 => "example.fr",
            < 60 => "example.com",
            < 80 => "example.net",
            < 95 => "exemple.test",
            _ => "exemple-é.test",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{firstName.EmailForm}.{lastName.EmailForm}{index + 1}@{domain}");
    }

    private static string PhoneOf(Residence residence, ref DeterministicRandom random)
    {
        Span<char> national = stackalloc char[10];
        if (residence.Overseas is { } overseas)
        {
            (random.Percent(70) ? overseas.Mobile : overseas.Landline).CopyTo(national);
            for (var i = 4; i < national.Length; i++)
            {
                national[i] = random.Digit();
            }

            return FormatOverseas(national, overseas.CountryCode, ref random);
        }

        // Third digits that would make the number an overseas one (0639…, 069…, 026…, 0508…, 059…) are left out.
        national[0] = '0';
        var line = random.Next(100);
        if (line < 75)
        {
            national[1] = random.Percent(60) ? '6' : '7';
            national[2] = random.Pick(national[1] == '6' ? "1245678" : "3456789");
        }
        else if (line < 80)
        {
            national[1] = '9';
            national[2] = random.Pick("5678");
        }
        else
        {
            national[1] = residence.LandlineArea;
            national[2] = random.Pick("1234578");
        }

        for (var i = 3; i < national.Length; i++)
        {
            national[i] = random.Digit();
        }

        return FormatMetropolitan(national, ref random);
    }

    private static string FormatMetropolitan(ReadOnlySpan<char> national, ref DeterministicRandom random) => random.Next(100) switch
    {
        < 40 => Pairs(national, ' '),
        < 55 => new string(national),
        < 65 => Pairs(national, '.'),
        < 70 => Pairs(national, '-'),
        < 85 => string.Concat("+33 ", national.Slice(1, 1), " ", Pairs(national[2..], ' ')),
        < 93 => string.Concat("+33", national[1..]),
        _ => string.Concat("0033", national[1..]),
    };

    private static string FormatOverseas(ReadOnlySpan<char> national, string countryCode, ref DeterministicRandom random) => random.Next(100) switch
    {
        < 40 => string.Concat(national[..4], " ", Pairs(national[4..], ' ')),
        < 55 => Pairs(national, ' '),
        < 70 => new string(national),
        < 90 => string.Concat("+" + countryCode + " ", national[1..4], " ", Pairs(national[4..], ' ')),
        _ => string.Concat("00", countryCode, national[1..]),
    };

    private static string Pairs(ReadOnlySpan<char> digits, char separator)
    {
        Span<char> text = stackalloc char[digits.Length + (digits.Length / 2)];
        var length = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && i % 2 == 0)
            {
                text[length++] = separator;
            }

            text[length++] = digits[i];
        }

        return new string(text[..length]);
    }

    // Some addresses hold a comma, a semicolon, quotes or line breaks, so that a reader's RFC 4180 quoting is exercised.
    private static string AddressOf(ref DeterministicRandom random)
    {
        var number = random.Percent(70) ? random.Next(1, 60) : random.Next(60, 300);
        var suffix = random.Percent(5) ? (random.Percent(70) ? " bis" : " ter") : "";
        var street = string.Create(
            CultureInfo.InvariantCulture,
            $"{number}{suffix} {random.Pick(FrenchData.StreetTypes)} {random.Pick(FrenchData.StreetNames)}");
        return random.Next(100) switch
        {
            < 3 => string.Create(CultureInfo.InvariantCulture, $"Bâtiment {(char)('A' + random.Next(6))}\nEscalier {random.Next(1, 7)}\n{street}"),
            < 7 => string.Concat("Résidence ", random.Pick(FrenchData.BuildingNames), ", ", street),
            < 9 => string.Create(CultureInfo.InvariantCulture, $"{street}; appartement {random.Next(1, 120)}"),
            < 10 => string.Concat("Résidence \"", random.Pick(FrenchData.BuildingNames), "\", ", street),
            < 13 => string.Create(CultureInfo.InvariantCulture, $"{street}, {random.Next(1, 12)}e étage"),
            _ => street,
        };
    }

    private static SyntheticPerson Break(GoodPerson good, BrokenRowKind kind, ref DeterministicRandom random)
    {
        var person = good.Person;
        return kind switch
        {
            BrokenRowKind.BadNirKey => person with { Nir = WithWrongKey(person.Nir, ref random) },
            BrokenRowKind.BadEmail => person with { Email = BadEmail(person, ref random) },
            BrokenRowKind.UnparseablePhone => person with { Phone = UnparseablePhone(ref random) },
            BrokenRowKind.MissingRequiredField => random.Next(3) switch
            {
                0 => person with { Nir = "" },
                1 => person with { LastName = "" },
                _ => person with { FirstName = "" },
            },
            BrokenRowKind.BadDateOfBirth => person with { DateOfBirth = BadDateOfBirth(good.Born, ref random) },
            BrokenRowKind.BadPostalCode => person with { PostalCode = BadPostalCode(person.PostalCode, ref random) },
            BrokenRowKind.BadFranceTravailId => person with { FranceTravailId = BadFranceTravailId(person.FranceTravailId, ref random) },
            BrokenRowKind.ExtraField => person with { ExtraField = random.Pick(ExtraFields) },
            BrokenRowKind.WrongEncoding when Ascii.IsValid(person.LastName) && Ascii.IsValid(person.FirstName) => person with
            {
                FirstName = random.Pick(good.Sex == 1 ? FrenchData.AccentedMaleFirstNames : FrenchData.AccentedFemaleFirstNames).Text,
            },
            BrokenRowKind.WrongEncoding => person,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "This kind of broken row is not built here."),
        };
    }

    private static string WithWrongKey(string nir, ref DeterministicRandom random)
    {
        var key = int.Parse(nir.AsSpan(13), NumberStyles.None, CultureInfo.InvariantCulture);
        var wrong = ((key - 1 + random.Next(1, 97)) % 97) + 1;
        return string.Concat(nir.AsSpan(0, 13), TwoDigitKeys[wrong]);
    }

    private static string BadEmail(SyntheticPerson person, ref DeterministicRandom random)
    {
        var first = FrenchName.Of(person.FirstName).EmailForm;
        var last = FrenchName.Of(person.LastName).EmailForm;
        var number = person.Index + 1;
        return random.Next(8) switch
        {
            0 => string.Create(CultureInfo.InvariantCulture, $"{first}.{last}{number}example.fr"),
            1 => string.Create(CultureInfo.InvariantCulture, $"{first}.{last}{number}@@example.fr"),
            2 => string.Create(CultureInfo.InvariantCulture, $"{first}..{last}{number}@example.com"),
            3 => string.Create(CultureInfo.InvariantCulture, $"{first} {last}{number}@example.net"),
            4 => string.Create(CultureInfo.InvariantCulture, $"{first}.{last}{number}@example"),
            5 => string.Create(CultureInfo.InvariantCulture, $"{first}.{last}{number}@example,fr"),
            6 => string.Create(CultureInfo.InvariantCulture, $"{first}.{last}{number}@"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{first}.{last}{number}@exemple_test.fr"),
        };
    }

    private static string UnparseablePhone(ref DeterministicRandom random)
    {
        Span<char> digits = stackalloc char[8];
        for (var i = 0; i < digits.Length; i++)
        {
            digits[i] = random.Digit();
        }

        var pairs = Pairs(digits, ' ');
        return random.Next(7) switch
        {
            0 => string.Concat("06 ", pairs.AsSpan(0, pairs.Length - 1)),
            1 => string.Concat("06 ", pairs, "9"),
            2 => string.Concat("(0)6 ", pairs),
            3 => string.Concat("6 ", pairs),
            4 => string.Concat("06 ", pairs.AsSpan(0, pairs.Length - 1), "O"),
            5 => string.Concat("tél. 06 ", pairs),
            _ => string.Concat("+33 (0)6 ", pairs),
        };
    }

    private static string BadDateOfBirth(DateOnly born, ref DeterministicRandom random)
    {
        var (year, month, day) = (born.Year, born.Month, born.Day);
        var safeDay = Math.Min(day, 28);
        var culture = CultureInfo.InvariantCulture;
        return random.Next(7) switch
        {
            0 => string.Create(culture, $"{year:D4}-{month:D2}-32"),
            1 => string.Create(culture, $"{day:D2}/{month:D2}/{year % 100:D2}"),
            2 => string.Create(culture, $"30/02/{year:D4}"),
            3 => string.Create(culture, $"{year:D4}{month:D2}{day:D2}"),
            4 => string.Create(culture, $"{day} {FrenchData.Months[month - 1]} {year}"),
            5 => string.Create(culture, $"{year + 100:D4}-{month:D2}-{safeDay:D2}"),
            _ => string.Create(culture, $"{safeDay:D2}/{month:D2}/{year - 200:D4}"),
        };
    }

    private static string BadPostalCode(string postalCode, ref DeterministicRandom random) => random.Next(6) switch
    {
        0 => postalCode[..4],
        1 => postalCode + "0",
        2 => string.Concat(postalCode.AsSpan(0, 2), "O", postalCode.AsSpan(3)),
        3 => string.Concat("00", postalCode.AsSpan(2)),
        4 => "F-" + postalCode,
        _ => postalCode + " CEDEX",
    };

    private static string BadFranceTravailId(string id, ref DeterministicRandom random) => random.Next(5) switch
    {
        0 => id[..7],
        1 => string.Concat(id, random.Digit().ToString()),
        2 => string.Concat("F", id.AsSpan(1)),
        3 => string.Concat(id.AsSpan(0, 7), "-"),
        _ => string.Concat(id.AsSpan(0, 3), " ", id.AsSpan(3)),
    };

    private readonly record struct GoodPerson(SyntheticPerson Person, int Sex, DateOnly Born);
}
