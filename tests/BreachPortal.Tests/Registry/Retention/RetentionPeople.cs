using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Registry.Import;
using BreachPortal.Web.Registry.People;
using BreachPortal.Web.Registry.Protection;
using BreachPortal.Web.Registry.Retention;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Registry.Retention;

internal sealed record RegisteredPerson(long Id, string Nir);

/// <summary>People put in the registry through the real import, and their retention dates set by hand.</summary>
internal static class RetentionPeople
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<RegisteredPerson[]> ImportNewAsync(IServiceProvider services, string incident, int count) =>
        ImportAsync(services, incident, [.. Enumerable.Range(0, count).Select(_ => RegistryCsv.NewNir())]);

    public static async Task<RegisteredPerson[]> ImportAsync(IServiceProvider services, string incident, params string[] nirs)
    {
        var (_, ids) = await RegistryCsv.ImportAsync(services, incident, RegistryCsv.File([.. nirs.Select(n => RegistryCsv.Row(n, city: "Ville " + incident))]), nirs);
        var people = nirs.Select((nir, i) => new RegisteredPerson(ids[i], nir)).ToList();
        return [.. people];
    }

    public static async Task SetRetainUntilAsync(string connectionString, DateTimeOffset? retainUntil, params RegisteredPerson[] people)
    {
        var ids = people.Select(p => p.Id).ToArray();
        await using var db = PostgresServer.CreateContext(connectionString);
        await db.Set<Person>().Where(p => ids.Contains(p.Id)).ExecuteUpdateAsync(set => set.SetProperty(p => p.RetainUntil, retainUntil?.ToUniversalTime()), Ct);
    }

    public static async Task<Person> ReadAsync(string connectionString, RegisteredPerson person)
    {
        await using var db = PostgresServer.CreateContext(connectionString);
        return await db.Set<Person>().AsNoTracking().SingleAsync(p => p.Id == person.Id, Ct);
    }

    public static async Task<int> ExposuresAsync(string connectionString, RegisteredPerson person)
    {
        await using var db = PostgresServer.CreateContext(connectionString);
        return await db.Set<Exposure>().CountAsync(e => e.PersonId == person.Id, Ct);
    }

    public static async Task<PurgeResult> PurgeAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryRetention>().PurgeAsync(AuditActor.CommandLine, Ct);
    }

    /// <summary>Fails unless the person still has everything, and their payload still opens to their NIR.</summary>
    public static async Task AssertIntactAsync(IServiceProvider services, string connectionString, RegisteredPerson person)
    {
        var stored = await ReadAsync(connectionString, person);
        var nirIndex = services.GetRequiredService<BlindIndex>().Compute(BlindIndexKind.Nir, person.Nir);
        Assert.Null(stored.PurgedAt);
        Assert.Equal(nirIndex, stored.NirIndex);
        Assert.NotNull(stored.EmailIndex);
        Assert.NotNull(stored.PhoneIndex);
        Assert.NotNull(stored.FranceTravailIdIndex);
        Assert.Equal("k1", stored.KeyId);
        Assert.Equal(person.Nir, services.GetRequiredService<PersonPayload>().Open(stored.Payload!, stored.NirIndex).Nir);
    }

    /// <summary>Fails unless nothing that identifies the person is left, while their row still counts.</summary>
    public static async Task AssertErasedAsync(string connectionString, RegisteredPerson person)
    {
        var stored = await ReadAsync(connectionString, person);
        Assert.NotNull(stored.PurgedAt);
        Assert.Null(stored.Payload);
        Assert.Null(stored.KeyId);
        Assert.Null(stored.NirIndex);
        Assert.Null(stored.FranceTravailIdIndex);
        Assert.Null(stored.EmailIndex);
        Assert.Null(stored.PhoneIndex);
        Assert.NotEqual(BreachPortal.Web.Incidents.DataCategories.None, stored.HeldData);
    }
}
