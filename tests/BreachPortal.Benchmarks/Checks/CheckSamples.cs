using BreachPortal.Web.Checks.Contacts;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Registry.Normalisation;
using BreachPortal.Web.Registry.Synthetic;
using Npgsql;
using static System.FormattableString;

namespace BreachPortal.Benchmarks.Checks;

/// <summary>
/// What the load sends: contacts and reference codes, half of them on file and half not, interleaved so that every
/// second of the run holds both. Known contacts are read back from the synthetic generator, which builds row i
/// from its seed and i alone; unknown ones are drawn where the generator never goes.
/// </summary>
internal static class CheckSamples
{
    /// <summary>
    /// <paramref name="count"/> contacts of people spread evenly over the imported extract (an email address, or a
    /// mobile number typed as the file has it, in turn) and as many contacts nobody holds.
    /// </summary>
    public static IReadOnlyList<string> Contacts(long people, int count)
    {
        var generator = new SyntheticPeopleGenerator(SyntheticRegistryOptions.DefaultSeed, badRowFraction: 0);
        var step = Math.Max(1, people / count);
        var known = new List<string>(count);
        for (var index = 0L; index < people && known.Count < count; index += step)
        {
            var person = generator.Create(index);
            var mobile = PhoneNumber.Normalize(person.Phone) is { IsValid: true } phone && PhoneNumber.IsMobile(phone.Value!) ? person.Phone : null;
            var contact = known.Count % 2 == 0 ? person.Email ?? mobile : mobile ?? person.Email;
            if (contact is not null)
            {
                known.Add(contact);
            }
        }

        // The generator writes addresses at example.fr/.com/.net and exemple.test, and no mobile number in 070.
        var unknown = Enumerable.Range(0, known.Count)
            .Select(i => i % 2 == 0 ? Invariant($"camille.absente{i}@example.org") : Invariant($"070{i * 7_919L % 10_000_000:D7}"))
            .ToList();
        if (known.Concat(unknown).Select(c => CheckContact.Parse(c).ErrorKey).FirstOrDefault(e => e is not null) is { } refused)
        {
            throw new BenchmarkFailedException($"/check would refuse one of the benchmark's contacts ({refused}).");
        }

        return Interleave(known, unknown);
    }

    /// <summary>
    /// Reference codes of <paramref name="count"/> messages of the campaign drawn at random, marked sent as the
    /// dispatcher would (the benchmark runs none): people check the codes of messages they received.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SentReferenceCodesAsync(string connectionString, int campaignId, int count, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $$"""
            UPDATE messages SET status = {{LedgerSql.Sent}}, sent_at = now(), attempts = 1
            WHERE id IN (SELECT id FROM messages WHERE campaign_id = $1 ORDER BY random() LIMIT $2)
            RETURNING reference_code
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = campaignId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        var codes = new List<string>(count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            codes.Add(reader.GetString(0));
        }

        return codes;
    }

    /// <summary>The known codes and as many new ones (60 random bits: none is in a ledger of millions), interleaved.</summary>
    public static IReadOnlyList<string> WithUnknownCodes(IReadOnlyList<string> known) =>
        Interleave(known, [.. known.Select(_ => ReferenceCode.New())]);

    private static List<string> Interleave(IReadOnlyList<string> known, IReadOnlyList<string> unknown) =>
        [.. known.Zip(unknown).SelectMany(pair => new[] { pair.First, pair.Second })];
}
