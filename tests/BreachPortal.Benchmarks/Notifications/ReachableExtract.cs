using BreachPortal.Web.Notifications;
using BreachPortal.Web.Registry.Normalisation;
using BreachPortal.Web.Registry.Synthetic;

namespace BreachPortal.Benchmarks.Notifications;

/// <summary>
/// A synthetic extract (the people <c>generate-demo</c> writes, no broken row) keeping only those the channel can
/// reach: an email address, or a mobile number for SMS. In a plain demo file a tenth of the people have no address
/// and a third no mobile; here every person gives exactly one message, so the ledger holds as many as asked.
/// </summary>
internal static class ReachableExtract
{
    public static async Task WriteAsync(string path, MessageChannel channel, long people, CancellationToken cancellationToken)
    {
        Func<SyntheticPerson, bool> reachable = channel == MessageChannel.Email
            ? person => person.Email is not null
            : person => PhoneNumber.Normalize(person.Phone) is { IsValid: true } phone && PhoneNumber.IsMobile(phone.Value);
        var candidates = SyntheticRegistry.People(new SyntheticRegistryOptions { People = Math.Min(SyntheticRegistry.MaxPeople, (3 * people) + 1_000) });
        var written = await WritePeopleAsync(path, candidates.Where(reachable), people, cancellationToken);
        if (written < people)
        {
            throw new BenchmarkFailedException($"the synthetic registry gave only {written} people reachable by {channel}, not {people}.");
        }
    }

    /// <summary>The first <paramref name="limit"/> of <paramref name="people"/> as an extract the import reads, header first.</summary>
    /// <returns>How many rows were written.</returns>
    public static async Task<long> WritePeopleAsync(string path, IEnumerable<SyntheticPerson> people, long limit, CancellationToken cancellationToken)
    {
        var csv = new CsvByteWriter(';', "\n");
        foreach (var column in SyntheticRegistry.Columns)
        {
            csv.Field(column);
        }

        csv.EndRow();
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        var written = 0L;
        foreach (var person in people.Take((int)Math.Min(limit, int.MaxValue)))
        {
            csv.Field(person.Nir);
            csv.Field(person.FranceTravailId);
            csv.Field(person.LastName);
            csv.Field(person.FirstName);
            csv.Field(person.DateOfBirth);
            csv.Field(person.PlaceOfBirth);
            csv.Field(person.Email);
            csv.Field(person.Phone);
            csv.Field(person.Address);
            csv.Field(person.PostalCode);
            csv.Field(person.City);
            csv.EndRow();
            written++;
            if (csv.ShouldFlush)
            {
                await csv.FlushAsync(file, cancellationToken);
            }
        }

        await csv.FlushAsync(file, cancellationToken);
        return written;
    }
}
