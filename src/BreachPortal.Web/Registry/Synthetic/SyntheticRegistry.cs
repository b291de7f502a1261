namespace BreachPortal.Web.Registry.Synthetic;

/// <summary>
/// A synthetic registry extract: fictitious people in the CSV layout of the France Travail extract, deterministic for
/// a seed, with an optional share of rows broken in one known way each, for demos, import tests and load tests.
/// </summary>
public static class SyntheticRegistry
{
    public const long MaxPeople = 100_000_000;

    public static readonly IReadOnlyList<string> Columns =
    [
        "nir", "identifiant_ft", "nom", "prenom", "date_naissance", "lieu_naissance", "email", "telephone", "adresse", "code_postal", "ville",
    ];

    /// <summary>The people the extract holds, in file order: exactly what <see cref="WriteAsync"/> writes for the same options.</summary>
    public static IEnumerable<SyntheticPerson> People(SyntheticRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Enumerate(options);
    }

    /// <summary>Writes the extract (UTF-8 without BOM, header first) without holding it in memory; the stream is left open.</summary>
    public static async Task<SyntheticRegistrySummary> WriteAsync(Stream destination, SyntheticRegistryOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var csv = new CsvByteWriter(options.Delimiter, options.LineEnding);
        foreach (var column in Columns)
        {
            csv.Field(column);
        }

        csv.EndRow();
        var brokenByKind = new long[Enum.GetValues<BrokenRowKind>().Length];
        using var people = Enumerate(options).GetEnumerator();
        bool more;
        do
        {
            more = FillBuffer(csv, people, brokenByKind);
            await csv.FlushAsync(destination, cancellationToken);
        }
        while (more);

        await destination.FlushAsync(cancellationToken);
        return new SyntheticRegistrySummary(options.People, csv.BytesWritten, brokenByKind);
    }

    private static IEnumerable<SyntheticPerson> Enumerate(SyntheticRegistryOptions options)
    {
        var generator = new SyntheticPeopleGenerator(options.Seed, options.BadRowFraction);
        for (var index = options.FirstIndex; index < options.FirstIndex + options.People; index++)
        {
            yield return generator.Create(index);
        }
    }

    // The hot loop stays out of the async state machine, where the JIT optimises it less.
    private static bool FillBuffer(CsvByteWriter csv, IEnumerator<SyntheticPerson> people, long[] brokenByKind)
    {
        while (!csv.ShouldFlush)
        {
            if (!people.MoveNext())
            {
                return false;
            }

            WriteRow(csv, people.Current);
            if (people.Current.Broken is { } kind)
            {
                brokenByKind[(int)kind]++;
            }
        }

        return true;
    }

    private static void WriteRow(CsvByteWriter csv, SyntheticPerson person)
    {
        csv.Field(person.Nir);
        csv.Field(person.FranceTravailId);
        if (person.LastNameIsWrongEncoding)
        {
            csv.Windows1252Field(person.LastName);
            csv.Field(person.FirstName);
        }
        else if (person.Broken == BrokenRowKind.WrongEncoding)
        {
            csv.Field(person.LastName);
            csv.Windows1252Field(person.FirstName);
        }
        else
        {
            csv.Field(person.LastName);
            csv.Field(person.FirstName);
        }

        csv.Field(person.DateOfBirth);
        csv.Field(person.PlaceOfBirth);
        csv.Field(person.Email);
        csv.Field(person.Phone);
        csv.Field(person.Address);
        csv.Field(person.PostalCode);
        csv.Field(person.City);
        if (person.ExtraField is not null)
        {
            csv.Field(person.ExtraField);
        }

        csv.EndRow();
    }
}
