using System.Diagnostics;
using BreachPortal.Benchmarks.Infrastructure;
using BreachPortal.Web.Registry.Synthetic;
using PhoneNumbers;
using static System.FormattableString;
using PortalPhone = BreachPortal.Web.Registry.Normalisation.PhoneNumber;

namespace BreachPortal.Benchmarks.Import;

/// <summary>
/// The import's phone check (<see cref="PortalPhone"/>: E.164 and "is it a mobile") against libphonenumber-csharp
/// doing the same work (parse with region FR, valid, mobile, format E.164), on the phones of the synthetic extract
/// the import benchmark uses, in one process. Answers issue 18's "measure before you swap": the import validates
/// every row's phone, and must not get slower.
/// </summary>
internal static class PhoneParsingBenchmark
{
    public const string Usage = "phones [--people N]";

    private const long DefaultPeople = 1_000_000;
    private const int Rounds = 3;

    public static Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var given = new BenchmarkArguments(arguments);
        var people = given.Whole("--people", DefaultPeople, 1, long.MaxValue);
        if (!given.Understood)
        {
            return BenchmarkRun.UsageErrorAsync(Usage, $"default: --people {DefaultPeople}");
        }

        var phones = SyntheticRegistry.People(new SyntheticRegistryOptions { People = people, BadRowFraction = 0.01 })
            .Select(p => p.Phone)
            .OfType<string>()
            .ToArray();
        Console.WriteLine(Invariant($"phones          {phones.Length:N0} from {people:N0} synthetic people (1 % broken rows)"));

        var library = PhoneNumberUtil.GetInstance();
        var agreement = Compare(phones, library);
        Console.WriteLine(Invariant($"agreement       {agreement.Same:N0} same E.164 and mobile flag; {agreement.OnlyOurs:N0} only the portal accepts, {agreement.OnlyLibrary:N0} only libphonenumber accepts, {agreement.Different:N0} differ"));

        double ours = double.MaxValue, theirs = double.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ours = Math.Min(ours, NanosecondsPerPhone(phones, Portal));
            theirs = Math.Min(theirs, NanosecondsPerPhone(phones, phone => Library(library, phone)));
        }

        Console.WriteLine(Invariant($"portal          {ours:N0} ns per phone (best of {Rounds})"));
        Console.WriteLine(Invariant($"libphonenumber  {theirs:N0} ns per phone (best of {Rounds})"));
        Console.WriteLine(Invariant($"ratio           {theirs / ours:N1} (libphonenumber / portal)"));
        Console.WriteLine(Invariant($"RESULT name=phones portal_ns={ours:F0} libphonenumber_ns={theirs:F0} ratio={theirs / ours:F1}"));
        return Task.FromResult(Benchmark.Success);
    }

    private static (string? E164, bool Mobile) Portal(string phone)
    {
        var normalized = PortalPhone.Normalize(phone);
        return normalized.Value is { } value ? (value, PortalPhone.IsMobile(value)) : (null, false);
    }

    private static (string? E164, bool Mobile) Library(PhoneNumberUtil library, string phone)
    {
        try
        {
            var parsed = library.Parse(phone, "FR");
            if (!library.IsValidNumber(parsed))
            {
                return (null, false);
            }

            var type = library.GetNumberType(parsed);
            return (library.Format(parsed, PhoneNumberFormat.E164), type is PhoneNumberType.MOBILE);
        }
        catch (NumberParseException)
        {
            return (null, false);
        }
    }

    private static double NanosecondsPerPhone(string[] phones, Func<string, (string? E164, bool Mobile)> check)
    {
        var accepted = 0;
        var watch = Stopwatch.StartNew();
        foreach (var phone in phones)
        {
            if (check(phone).E164 is not null)
            {
                accepted++;
            }
        }

        watch.Stop();
        GC.KeepAlive(accepted);
        return watch.Elapsed.TotalNanoseconds / phones.Length;
    }

    private static (long Same, long OnlyOurs, long OnlyLibrary, long Different) Compare(string[] phones, PhoneNumberUtil library)
    {
        long same = 0, onlyOurs = 0, onlyLibrary = 0, different = 0;
        var examples = new Dictionary<string, List<string>>();
        foreach (var phone in phones)
        {
            var ours = Portal(phone);
            var theirs = Library(library, phone);
            if (ours == theirs)
            {
                same++;
            }
            else
            {
                var kind = theirs.E164 is null ? "only the portal accepts" : ours.E164 is null ? "only libphonenumber accepts" : "differ";
                _ = kind switch
                {
                    "only the portal accepts" => onlyOurs++,
                    "only libphonenumber accepts" => onlyLibrary++,
                    _ => different++,
                };
                var list = examples.TryGetValue(kind, out var found) ? found : examples[kind] = [];
                if (list.Count < 4)
                {
                    list.Add(Invariant($"'{phone}' portal {ours.E164 ?? "refused"}{(ours.Mobile ? " mobile" : "")}, libphonenumber {theirs.E164 ?? "refused"}{(theirs.Mobile ? " mobile" : "")}"));
                }
            }
        }

        // Synthetic numbers, not anyone's: shown so a reader sees what kind of number the two disagree on.
        foreach (var (kind, list) in examples)
        {
            Console.WriteLine($"  {kind}, e.g.: {string.Join("; ", list)}");
        }

        return (same, onlyOurs, onlyLibrary, different);
    }
}
