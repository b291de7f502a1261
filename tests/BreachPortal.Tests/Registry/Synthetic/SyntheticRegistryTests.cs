using System.Globalization;
using System.Text;
using BreachPortal.Web.Registry.Normalisation;
using BreachPortal.Web.Registry.Synthetic;

namespace BreachPortal.Tests.Registry.Synthetic;

public sealed class SyntheticRegistryTests
{
    private const string FrenchHeader = "nir;identifiant_ft;nom;prenom;date_naissance;lieu_naissance;email;telephone;adresse;code_postal;ville";

    private static readonly string[] ReservedEmailDomains = ["example.fr", "example.com", "example.net", "exemple.test", "exemple-é.test"];

    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteAsync_Header_IsTheFrenchHeaderInUtf8WithoutBomAndLf()
    {
        var file = await WriteAsync(new() { People = 3 });

        Assert.NotEqual(0xEF, file[0]);
        var text = Encoding.UTF8.GetString(file);
        Assert.StartsWith(FrenchHeader + "\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Equal(4, CsvBytes.Read(file).Count);
    }

    [Fact]
    public async Task WriteAsync_NoBrokenRows_EveryRowPassesEveryNormaliserWithUniqueNir()
    {
        var file = await WriteAsync(new() { People = 20_000 });

        var records = CsvBytes.Read(file);
        var nirs = new HashSet<string>(StringComparer.Ordinal);
        Assert.Equal(20_001, records.Count);
        foreach (var record in records.Skip(1))
        {
            var problems = ExtractRows.Problems(record, nirs);
            Assert.True(problems.Count == 0, $"{string.Join(", ", problems)} in {string.Join(" | ", ExtractRows.Decode(record, out _))}");
        }
    }

    [Fact]
    public void People_LaterExtract_RepeatsTheEndOfTheEarlierOneAndGoesOnWithNewPeople()
    {
        var earlier = SyntheticRegistry.People(new() { People = 1_000 }).ToList();

        var later = SyntheticRegistry.People(new() { People = 1_000, FirstIndex = 500 }).ToList();

        Assert.Equal(earlier.Skip(500), later.Take(500));
        Assert.Empty(later.Skip(500).Select(p => p.Nir).Intersect(earlier.Select(p => p.Nir)));
    }

    [Theory]
    [InlineData(-1L, 0.0, "The first index must be from 0")]
    [InlineData(SyntheticRegistry.MaxPeople, 0.0, "The first index must be from 0")]
    [InlineData(10L, 0.01, "A file that starts after the first person has no broken rows.")]
    public void People_FirstIndexOutOfBoundsOrWithBrokenRows_IsRefusedSayingWhy(long firstIndex, double badRows, string problem)
    {
        var failure = Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticRegistry.People(new() { People = 10, FirstIndex = firstIndex, BadRowFraction = badRows }));

        Assert.StartsWith(problem, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_GoodRows_NirAgreesWithFirstNameSexDateAndPlaceOfBirth()
    {
        var file = await WriteAsync(new() { People = 20_000 });

        var places = FrenchData.BirthPlaces.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var women = FrenchData.FemaleFirstNames.Select(n => n.Text).ToHashSet(StringComparer.Ordinal);
        var men = FrenchData.MaleFirstNames.Select(n => n.Text).ToHashSet(StringComparer.Ordinal);
        foreach (var record in CsvBytes.Read(file).Skip(1))
        {
            var fields = ExtractRows.Decode(record, out _);
            var nir = fields[0];
            var born = DateOnly.ParseExact(DateOfBirth.Normalize(fields[4], ExtractRows.Today).Value!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var place = places[fields[5]];

            Assert.Contains(fields[3], nir[0] == '1' ? men : women);
            Assert.Equal((born.Year % 100).ToString("D2", CultureInfo.InvariantCulture), nir[1..3]);
            Assert.Equal(born.Month.ToString("D2", CultureInfo.InvariantCulture), nir[3..5]);
            var corsicanBefore1976 = place.IsCorsica && born.Year < 1976;
            Assert.Equal(corsicanBefore1976 ? "20" + place.InseeCode[2..] : place.InseeCode, nir[5..10]);
            Assert.Equal(Nir.ComputeKey(nir[..13]).ToString("D2", CultureInfo.InvariantCulture), nir[13..]);
        }
    }

    [Fact]
    public void People_GoodRows_BirthsIncludeCorsicaBefore1976AndAfterOverseasAndAFewAbroad()
    {
        var people = SyntheticRegistry.People(new() { People = 20_000 }).ToList();

        var departments = people.Select(p => p.Nir[5..7]).ToList();
        Assert.Contains("2A", departments);
        Assert.Contains("2B", departments);
        Assert.Contains("20", departments);
        Assert.Contains("97", departments);
        var abroad = departments.Count(d => d == "99") / (double)people.Count;
        Assert.InRange(abroad, 0.02, 0.15);
        Assert.All(people.Where(p => p.Nir[5..7] == "99"), p => Assert.DoesNotContain(p.PlaceOfBirth, FrenchData.Towns.Select(t => t.BirthName)));
    }

    [Fact]
    public async Task WriteAsync_GoodRows_PostalCodeMatchesTheCity()
    {
        var file = await WriteAsync(new() { People = 5_000 });

        var towns = FrenchData.Towns.Select(t => (t.PostalCode, t.City)).ToHashSet();
        foreach (var record in CsvBytes.Read(file).Skip(1))
        {
            var fields = ExtractRows.Decode(record, out _);
            Assert.Contains((fields[9], fields[10]), towns);
        }
    }

    [Fact]
    public void People_Names_HaveAccentsApostrophesAndCompoundForms()
    {
        var people = SyntheticRegistry.People(new() { People = 20_000 }).ToList();

        var names = people.SelectMany(p => new[] { p.FirstName, p.LastName }).ToHashSet(StringComparer.Ordinal);
        Assert.True(FrenchData.FemaleFirstNames.Length >= 50 && FrenchData.MaleFirstNames.Length >= 50 && FrenchData.LastNames.Length >= 100);
        Assert.Contains("Hélène", names);
        Assert.Contains("Lefèvre", names);
        Assert.Contains("N'Diaye", names);
        Assert.Contains("Jean-Pierre", names);
        Assert.Contains("Le Gall", names);
        Assert.Contains(people, p => p.PlaceOfBirth.Any(c => c > '\u007F'));
    }

    [Fact]
    public void People_Emails_AreFirstNameDotLastNameNumberOnReservedDomainsOnly()
    {
        var people = SyntheticRegistry.People(new() { People = 20_000 }).ToList();

        var emails = people.Where(p => p.Email is not null).Select(p => p.Email!).ToList();
        Assert.All(emails, email => Assert.Contains(email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..], ReservedEmailDomains));
        Assert.All(ReservedEmailDomains, domain => Assert.Contains(emails, e => e.EndsWith("@" + domain, StringComparison.Ordinal)));
        Assert.Contains(people, p => p.FirstName == "Hélène" && p.Email is { } email && email.StartsWith("helene.", StringComparison.Ordinal));
        Assert.Contains(people, p => p.LastName == "N'Diaye" && p.Email is { } email && email.Contains(".ndiaye", StringComparison.Ordinal));
        Assert.All(people.Where(p => p.Email is not null), p => Assert.Matches($"^[a-z-]+\\.[a-z-]+{p.Index + 1}@", p.Email!));
        Assert.Equal(emails.Count, emails.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void People_Phones_ComeInEveryUsualFrenchWritingAndAllNormalise()
    {
        var phones = SyntheticRegistry.People(new() { People = 20_000 }).Where(p => p.Phone is not null).Select(p => p.Phone!).ToList();

        Assert.All(phones, phone => Assert.True(PhoneNumber.Normalize(phone).IsValid, phone));
        Assert.Contains(phones, p => p.Length == 14 && p.StartsWith("06 ", StringComparison.Ordinal));
        Assert.Contains(phones, p => p.StartsWith("07.", StringComparison.Ordinal));
        Assert.Contains(phones, p => p.StartsWith("06-", StringComparison.Ordinal));
        Assert.Contains(phones, p => p.StartsWith("+33 6 ", StringComparison.Ordinal));
        Assert.Contains(phones, p => p.StartsWith("+337", StringComparison.Ordinal));
        Assert.Contains(phones, p => p.StartsWith("00336", StringComparison.Ordinal));
        Assert.Contains(phones, p => p.StartsWith("01", StringComparison.Ordinal));
        Assert.Contains(phones, p => p.StartsWith("05", StringComparison.Ordinal));
        Assert.Contains(phones, p => p.StartsWith("09", StringComparison.Ordinal));
        Assert.Contains(phones, p => p.StartsWith("0692", StringComparison.Ordinal));
        Assert.Contains(phones, p => p.StartsWith("+262 ", StringComparison.Ordinal));
        Assert.Contains(phones, p => PhoneNumber.Normalize(p).Value!.StartsWith("+596", StringComparison.Ordinal));
        var normalised = phones.Select(p => PhoneNumber.Normalize(p).Value!).ToList();
        Assert.InRange(normalised.Count(PhoneNumber.IsMobile) / (double)normalised.Count, 0.6, 0.85);
    }

    [Fact]
    public void People_ContactDetails_AboutOneInTenHasNoEmailOrNoPhoneAndAFewNeither()
    {
        var people = SyntheticRegistry.People(new() { People = 20_000 }).ToList();

        Assert.InRange(people.Count(p => p.Email is null) / 20_000.0, 0.08, 0.12);
        Assert.InRange(people.Count(p => p.Phone is null) / 20_000.0, 0.08, 0.12);
        Assert.InRange(people.Count(p => p.Email is null && p.Phone is null), 50, 400);
    }

    [Fact]
    public async Task WriteAsync_AddressesWithDelimiterQuoteOrLineBreak_AreQuotedAndReadBack()
    {
        var options = new SyntheticRegistryOptions { People = 5_000 };
        var file = await WriteAsync(options);

        var text = Encoding.UTF8.GetString(file);
        Assert.Contains(";\"Bâtiment ", text, StringComparison.Ordinal);
        Assert.Contains("\nEscalier ", text, StringComparison.Ordinal);
        Assert.Contains(";\"Résidence \"\"", text, StringComparison.Ordinal);
        Assert.Matches("; appartement [0-9]+\";", text);
        var addresses = CsvBytes.Read(file).Skip(1).Select(r => ExtractRows.Decode(r, out _)[8]).ToList();
        Assert.Equal(SyntheticRegistry.People(options).Select(p => p.Address), addresses);
        Assert.Contains(addresses, a => a.Contains(',', StringComparison.Ordinal) && !a.Contains('"', StringComparison.Ordinal));
        Assert.Contains(addresses, a => a.Contains('"', StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_CommaAndCrLf_WritesThatDialect()
    {
        var options = new SyntheticRegistryOptions { People = 3_000, Delimiter = ',', LineEnding = "\r\n" };
        var file = await WriteAsync(options);

        var text = Encoding.UTF8.GetString(file);
        Assert.StartsWith(FrenchHeader.Replace(';', ',') + "\r\n", text, StringComparison.Ordinal);
        var records = CsvBytes.Read(file, (byte)',');
        Assert.All(records, r => Assert.Equal(ExtractRows.Columns, r.Count));
        Assert.Equal(
            SyntheticRegistry.People(options).Select(p => p.Address),
            records.Skip(1).Select(r => ExtractRows.Decode(r, out _)[8]));
        Assert.Contains(records.Skip(1), r => ExtractRows.Decode(r, out _)[8].Contains(", ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_BrokenRows_EachIsBrokenInExactlyTheWayItSays()
    {
        var options = new SyntheticRegistryOptions { People = 6_000, BadRowFraction = 0.3 };
        var file = await WriteAsync(options);

        var records = CsvBytes.Read(file).Skip(1).ToList();
        var people = SyntheticRegistry.People(options).ToList();
        var nirs = new HashSet<string>(StringComparer.Ordinal);
        var goodNirs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < people.Count; i++)
        {
            var problems = ExtractRows.Problems(records[i], nirs);
            var expected = people[i].Broken is { } kind ? [kind.ToString()] : Array.Empty<string>();
            Assert.True(expected.SequenceEqual(problems), $"row {i}: expected [{string.Join(", ", expected)}], found [{string.Join(", ", problems)}]");
            if (people[i].Broken is null)
            {
                goodNirs.Add(people[i].Nir);
            }
            else if (people[i].Broken == BrokenRowKind.DuplicateInFile)
            {
                Assert.Contains(people[i].Nir, goodNirs);
            }
        }
    }

    [Fact]
    public async Task WriteAsync_BrokenRows_CycleThroughEveryKindAndTheSummaryCountsThem()
    {
        var options = new SyntheticRegistryOptions { People = 10_000, BadRowFraction = 0.05 };

        var summary = await WriteSummaryAsync(options);

        var people = SyntheticRegistry.People(options).ToList();
        Assert.Equal(10_000, summary.Rows);
        Assert.Equal(500, summary.BrokenRows);
        Assert.Equal(9_500, summary.GoodRows);
        Assert.All(Enum.GetValues<BrokenRowKind>(), kind =>
        {
            Assert.Equal(50, summary.BrokenRowsOf(kind));
            Assert.Equal(people.Count(p => p.Broken == kind), summary.BrokenByKind[kind]);
        });
        Assert.Equal(50, summary.DuplicateRows);
        Assert.Equal(450, summary.RejectedRows);
        Assert.Equal(9_500, people.Where(p => p.Broken is null).Select(p => p.Nir).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task WriteAsync_WrongEncodingRow_HoldsTheNameInWindows1252Bytes()
    {
        var options = new SyntheticRegistryOptions { People = 2_000, BadRowFraction = 0.2 };
        var file = await WriteAsync(options);

        var records = CsvBytes.Read(file).Skip(1).ToList();
        var wrong = SyntheticRegistry.People(options).Where(p => p.Broken == BrokenRowKind.WrongEncoding).ToList();
        Assert.Equal(40, wrong.Count);
        foreach (var person in wrong)
        {
            var record = records[(int)person.Index];
            var names = new[] { person.LastName, person.FirstName };
            var column = names[0].Any(c => c > '\u007F') ? 2 : 3;
            Assert.False(CsvBytes.TryDecodeUtf8(record[column], out _));
            Assert.Equal(names[column - 2], Encoding.Latin1.GetString(record[column]));
            Assert.Contains(record[column], b => b >= 0xC0);
        }
    }

    [Fact]
    public async Task WriteAsync_EveryRowBroken_HasNoGoodRowsAndNoDuplicates()
    {
        var summary = await WriteSummaryAsync(new() { People = 200, BadRowFraction = 1 });

        Assert.Equal(200, summary.BrokenRows);
        Assert.Equal(0, summary.GoodRows);
        Assert.Equal(0, summary.DuplicateRows);
        Assert.Equal(40, summary.BrokenRowsOf(BrokenRowKind.BadDateOfBirth));
    }

    [Fact]
    public async Task WriteAsync_SameSeed_WritesIdenticalBytes()
    {
        var options = new SyntheticRegistryOptions { People = 5_000, Seed = 42, BadRowFraction = 0.1 };

        Assert.Equal(await WriteAsync(options), await WriteAsync(options));
    }

    [Fact]
    public async Task WriteAsync_DifferentSeed_WritesDifferentPeople()
    {
        var first = SyntheticRegistry.People(new() { People = 1_000, Seed = 1 }).Select(p => p.Nir).ToHashSet(StringComparer.Ordinal);
        var second = SyntheticRegistry.People(new() { People = 1_000, Seed = 2 }).Select(p => p.Nir).ToList();

        Assert.NotEqual(await WriteAsync(new() { People = 1_000, Seed = 1 }), await WriteAsync(new() { People = 1_000, Seed = 2 }));
        Assert.True(second.Count(first.Contains) < 10);
    }

    [Fact]
    public void People_BrokenRowsShareTheGoodRowsOfTheSameSeed()
    {
        var clean = SyntheticRegistry.People(new() { People = 1_000 }).ToList();
        var broken = SyntheticRegistry.People(new() { People = 1_000, BadRowFraction = 0.1 }).ToList();

        Assert.All(broken.Where(p => p.Broken is null), p => Assert.Equal(clean[(int)p.Index], p));
    }

    [Fact]
    public void People_200000People_HaveUniqueNirsAndFranceTravailIds()
    {
        var nirs = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var person in SyntheticRegistry.People(new() { People = 200_000, Seed = 7 }))
        {
            Assert.True(nirs.Add(person.Nir), person.Nir);
            Assert.True(ids.Add(person.FranceTravailId), person.FranceTravailId);
        }
    }

    [Fact]
    public void NirCapacity_AboveMaxPeople_AndEveryPlaceOfBirthHasItsOwnCode()
    {
        Assert.True(SyntheticPeopleGenerator.NirCapacity >= SyntheticRegistry.MaxPeople);
        Assert.Equal(FrenchData.BirthPlaces.Length, FrenchData.BirthPlaces.Select(p => p.InseeCode).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(FrenchData.BirthPlaces.Length, FrenchData.BirthPlaces.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(FrenchData.BirthPlaces, p => p.Department == "20");
    }

    [Fact]
    public void IndexPermutation_SmallRange_IsABijection()
    {
        var permutation = new IndexPermutation(1_000, 12345);

        var values = Enumerable.Range(0, 1_000).Select(i => permutation.Apply(i)).ToList();

        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => (long)i), values.Order());
        Assert.NotEqual(Enumerable.Range(0, 1_000).Select(i => (long)i), values);
    }

    [Fact]
    public async Task WriteAsync_LargeExtract_IsWrittenInBoundedChunks()
    {
        var destination = new CountingStream();

        var summary = await SyntheticRegistry.WriteAsync(destination, new() { People = 100_000 }, _cancellationToken);

        Assert.Equal(summary.Bytes, destination.Length);
        Assert.True(destination.Writes > 5);
        Assert.True(destination.LargestWrite <= 1 << 20, destination.LargestWrite.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task WriteAsync_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => SyntheticRegistry.WriteAsync(Stream.Null, new() { People = 10 }, cancellation.Token));
    }

    [Theory]
    [InlineData(-1, 0.0, ';', "\n")]
    [InlineData(SyntheticRegistry.MaxPeople + 1, 0.0, ';', "\n")]
    [InlineData(10, -0.1, ';', "\n")]
    [InlineData(10, 1.5, ';', "\n")]
    [InlineData(10, double.NaN, ';', "\n")]
    [InlineData(10, 0.0, '\t', "\n")]
    [InlineData(10, 0.0, ';', "\r")]
    public void People_InvalidOptions_Throw(long people, double fraction, char delimiter, string lineEnding)
    {
        var options = new SyntheticRegistryOptions { People = people, BadRowFraction = fraction, Delimiter = delimiter, LineEnding = lineEnding };

        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticRegistry.People(options));
    }

    private async Task<byte[]> WriteAsync(SyntheticRegistryOptions options)
    {
        using var stream = new MemoryStream();
        await SyntheticRegistry.WriteAsync(stream, options, _cancellationToken);
        return stream.ToArray();
    }

    private Task<SyntheticRegistrySummary> WriteSummaryAsync(SyntheticRegistryOptions options) =>
        SyntheticRegistry.WriteAsync(Stream.Null, options, _cancellationToken);

    private sealed class CountingStream : Stream
    {
        private long _length;

        public int Writes { get; private set; }

        public int LargestWrite { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            LargestWrite = Math.Max(LargestWrite, count);
            _length += count;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
