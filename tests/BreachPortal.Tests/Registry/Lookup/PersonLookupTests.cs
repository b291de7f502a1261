using System.Globalization;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Registry.Import;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Localization;
using BreachPortal.Web.Privacy;
using BreachPortal.Web.Registry.Lookup;
using BreachPortal.Web.Registry.Protection;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using BreachPortal.Web.Staff.Guard;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Registry.Lookup;

public sealed class PersonLookupTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Theory]
    [InlineData(BlindIndexKind.Nir)]
    [InlineData(BlindIndexKind.FranceTravailId)]
    [InlineData(BlindIndexKind.Email)]
    [InlineData(BlindIndexKind.Phone)]
    public async Task LookupAsync_ByEachIdentifier_ShowsThePersonMaskedAuditsTheViewAndCountsIt(BlindIndexKind kind)
    {
        var person = await LookupPeople.ImportAsync(app.Factory, lastName: "Quenneville");
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);

        var result = await LookupAsync(app.Factory, kind, person.AsTyped(kind), LookupPeople.Reason, staff);

        Assert.Equal(PersonLookupStatus.Found, result.Status);
        var shown = Assert.Single(result.People);
        Assert.Equal(person.Id, shown.Id);
        Assert.Equal(Mask.Nir(person.Nir), shown.Nir);
        Assert.Equal("••••••" + person.FranceTravailId[^2..], shown.FranceTravailId);
        Assert.Equal("Q•••", shown.LastName);
        Assert.Equal("C•••", shown.FirstName);
        Assert.Equal("••/••/1985", shown.DateOfBirth);
        Assert.Equal("l•••@example.fr", shown.Email);
        Assert.Equal("+33 • •• •• •• " + person.Phone[^2..], shown.Phone);
        Assert.True(shown.HeldData.HasFlag(DataCategories.PostalAddress));
        var exposure = Assert.Single(shown.Exposures);
        Assert.Equal("FT-2024-03", exposure.IncidentReference);
        Assert.StartsWith("Cyberattaque contre France Travail", exposure.IncidentTitle.Fr, StringComparison.Ordinal);
        Assert.True(exposure.Categories.HasFlag(DataCategories.SocialSecurityNumber));

        var viewed = Assert.Single(await LookupPeople.LookupEventsAsync(app.ConnectionString, staff.Id));
        Assert.Equal(AuditEventType.PersonRecordViewed, viewed.Type);
        Assert.Equal(AuditSubjects.Person, viewed.SubjectType);
        Assert.Equal(person.Id.ToString(CultureInfo.InvariantCulture), viewed.SubjectId);
        Assert.Contains(kind.ToString(), viewed.Detail, StringComparison.Ordinal);
        Assert.Contains(LookupPeople.Reason, viewed.Detail, StringComparison.Ordinal);
        AssertHoldsNoIdentifierOf(person, viewed);
        Assert.Equal(1, await LookupPeople.ViewsCountedAsync(app.ConnectionString, staff.Id));
    }

    [Fact]
    public async Task LookupAsync_PhoneSharedByElevenPeople_ShowsTenEachCountedAndAuditedOnce()
    {
        var phone = LookupPeople.NewPhone();
        var people = await LookupPeople.ImportManyAsync(app.Factory, 11, phone: phone);
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);

        var result = await LookupAsync(app.Factory, BlindIndexKind.Phone, phone, LookupPeople.Reason, staff);

        Assert.Equal(PersonLookupStatus.Found, result.Status);
        Assert.True(result.MoreNotShown);
        var firstTen = people.Select(p => p.Id).Order().Take(10).ToList();
        Assert.Equal(firstTen, result.People.Select(p => p.Id));
        var events = await LookupPeople.LookupEventsAsync(app.ConnectionString, staff.Id);
        Assert.All(events, e => Assert.Equal(AuditEventType.PersonRecordViewed, e.Type));
        Assert.Equal(firstTen, events.Select(e => long.Parse(e.SubjectId!, CultureInfo.InvariantCulture)));
        Assert.Equal(10, await LookupPeople.ViewsCountedAsync(app.ConnectionString, staff.Id));
    }

    [Theory]
    [InlineData(null, "Indiquez le motif de la consultation.")]
    [InlineData("   ", "Indiquez le motif de la consultation.")]
    [InlineData("  pour voir ", "Le motif doit compter entre 10 et 500 caractères")]
    [InlineData("x", "Le motif doit compter entre 10 et 500 caractères")]
    public async Task LookupAsync_ReasonMissingOrTooShort_IsRefusedWithoutAuditOrView(string? reason, string message)
    {
        var person = await LookupPeople.ImportAsync(app.Factory);
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);

        var result = await LookupAsync(app.Factory, BlindIndexKind.Nir, person.Nir, reason, staff);

        AssertRefused(result, PersonLookupField.Reason, message);
        Assert.Empty(await LookupPeople.LookupEventsAsync(app.ConnectionString, staff.Id));
        Assert.Equal(0, await LookupPeople.ViewsCountedAsync(app.ConnectionString, staff.Id));
    }

    [Fact]
    public async Task LookupAsync_ReasonTooLong_IsRefused()
    {
        var person = await LookupPeople.ImportAsync(app.Factory);
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);

        var result = await LookupAsync(app.Factory, BlindIndexKind.Nir, person.Nir, new string('m', PersonLookup.ReasonMaxLength + 1), staff);

        AssertRefused(result, PersonLookupField.Reason, "entre 10 et 500 caractères");
        Assert.Equal(0, await LookupPeople.ViewsCountedAsync(app.ConnectionString, staff.Id));
    }

    [Fact]
    public async Task LookupAsync_ReasonContainingTheIdentifier_IsRefusedSoTheAuditNeverHoldsIt()
    {
        var person = await LookupPeople.ImportAsync(app.Factory);
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);

        var result = await LookupAsync(app.Factory, BlindIndexKind.Phone, person.Phone, $"Appel reçu du {person.Phone.Replace(" ", ".", StringComparison.Ordinal)}", staff);

        AssertRefused(result, PersonLookupField.Reason, "ne doit pas contenir l'identifiant");
        Assert.Empty(await LookupPeople.LookupEventsAsync(app.ConnectionString, staff.Id));
    }

    [Theory]
    [InlineData(BlindIndexKind.Nir, "La clé du numéro de sécurité sociale ne correspond pas")]
    [InlineData(BlindIndexKind.FranceTravailId, "L'identifiant France Travail n'est pas formé de 7 chiffres")]
    [InlineData(BlindIndexKind.Email, "L'adresse électronique n'a pas de @.")]
    [InlineData(BlindIndexKind.Phone, "Le numéro de téléphone a trop ou trop peu de chiffres.")]
    public async Task LookupAsync_InvalidValue_GivesTheNormalisersReasonWithoutAuditOrView(BlindIndexKind kind, string message)
    {
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var value = kind switch
        {
            BlindIndexKind.Nir => RegistryCsv.NewNir()[..13] + "00",
            BlindIndexKind.FranceTravailId => "123456",
            BlindIndexKind.Email => "camille.example.fr",
            _ => "06 12 34 56",
        };

        var result = await LookupAsync(app.Factory, kind, value, LookupPeople.Reason, staff);

        AssertRefused(result, PersonLookupField.Value, message);
        Assert.Empty(await LookupPeople.LookupEventsAsync(app.ConnectionString, staff.Id));
        Assert.Equal(0, await LookupPeople.ViewsCountedAsync(app.ConnectionString, staff.Id));
    }

    [Fact]
    public async Task LookupAsync_UnknownPerson_FindsNothingButIsAuditedAndCounted()
    {
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var nir = RegistryCsv.NewNir();

        var result = await LookupAsync(app.Factory, BlindIndexKind.Nir, nir, LookupPeople.Reason, staff);

        Assert.Equal(PersonLookupStatus.NothingFound, result.Status);
        Assert.Empty(result.People);
        var nothing = Assert.Single(await LookupPeople.LookupEventsAsync(app.ConnectionString, staff.Id));
        Assert.Equal(AuditEventType.PersonLookupFoundNothing, nothing.Type);
        Assert.Null(nothing.SubjectId);
        Assert.Contains("Nir", nothing.Detail, StringComparison.Ordinal);
        Assert.Contains(LookupPeople.Reason, nothing.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(nir, nothing.Detail, StringComparison.Ordinal);
        Assert.Equal(1, await LookupPeople.ViewsCountedAsync(app.ConnectionString, staff.Id));
    }

    [Fact]
    public async Task LookupAsync_PastTheGuardThreshold_ShowsNothingAndTheAccountIsLocked()
    {
        await using var factory = new PortalFactory(app.ConnectionString);
        factory.Settings[RecordViewGuardOptions.Section + ":MaxViewsPerHour"] = "2";
        var people = await LookupPeople.ImportManyAsync(factory, 3);
        var staff = await TestStaff.CreateAsync(factory, StaffRoles.Operator);

        var first = await LookupAsync(factory, BlindIndexKind.Nir, people[0].Nir, LookupPeople.Reason, staff);
        var second = await LookupAsync(factory, BlindIndexKind.Nir, people[1].Nir, LookupPeople.Reason, staff);
        var third = await LookupAsync(factory, BlindIndexKind.Nir, people[2].Nir, LookupPeople.Reason, staff);

        Assert.Equal([PersonLookupStatus.Found, PersonLookupStatus.Found], [first.Status, second.Status]);
        Assert.Equal(PersonLookupStatus.AccountLocked, third.Status);
        Assert.Empty(third.People);
        var viewed = await LookupPeople.LookupEventsAsync(app.ConnectionString, staff.Id);
        Assert.Equal([people[0].Id, people[1].Id], viewed.Select(e => long.Parse(e.SubjectId!, CultureInfo.InvariantCulture)));
        Assert.Contains(await AuditTrail.ForStaffAsync(app.ConnectionString, staff.Id), e => e.Type == AuditEventType.RecordViewThresholdCrossed);
        await using var scope = factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByIdAsync(staff.Id.ToString());
        Assert.True(user!.IsDisabled);
        Assert.Equal(DisableReason.ExfiltrationGuard, user.DisabledReason);
    }

    private static async Task<PersonLookupResult> LookupAsync(PortalFactory factory, BlindIndexKind kind, string value, string? reason, TestStaff staff)
    {
        // Messages come in the request's language; outside a request, say which one.
        CultureInfo.CurrentUICulture = PortalCultures.French;
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PersonLookup>()
            .LookupAsync(kind, value, reason, LookupPeople.ActorOf(staff), TestContext.Current.CancellationToken);
    }

    private static void AssertRefused(PersonLookupResult result, PersonLookupField field, string message)
    {
        Assert.Equal(PersonLookupStatus.Invalid, result.Status);
        Assert.Empty(result.People);
        Assert.Equal(field, result.Error!.Field);
        Assert.Contains(message, result.Error.Message, StringComparison.Ordinal);
    }

    private static void AssertHoldsNoIdentifierOf(ImportedPerson person, AuditEvent e)
    {
        var recorded = string.Join('|', e.Actor, e.SubjectId, e.Detail);
        foreach (var kind in Enum.GetValues<BlindIndexKind>())
        {
            Assert.DoesNotContain(person.AsTyped(kind), recorded, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain(person.Nir, recorded, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Email, recorded, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(person.Phone[1..].Replace(" ", "", StringComparison.Ordinal), recorded, StringComparison.Ordinal);
        Assert.DoesNotContain(person.LastName, recorded, StringComparison.Ordinal);
    }
}
