using System.Net;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Privacy;
using BreachPortal.Web.Registry.Protection;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using BreachPortal.Web.Staff.Guard;

namespace BreachPortal.Tests.Registry.Lookup;

public sealed class PersonLookupPageTests(PortalApp app) : IClassFixture<PortalApp>
{
    private const string Path = "/staff/people/lookup";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lookup_AsAnOperator_ShowsMaskedIdentifiersAndTheIncident_NeverTheClearValues()
    {
        var person = await LookupPeople.ImportAsync(app.Factory, lastName: "Vandenbroucke");
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = await staff.SignInAsync(app.Factory);

        var response = await SearchAsync(client, BlindIndexKind.Nir, person.AsTyped(BlindIndexKind.Nir));
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains(Mask.Nir(person.Nir), page.Text, StringComparison.Ordinal);
        Assert.Contains("V•••", page.Text, StringComparison.Ordinal);
        Assert.Contains("l•••@example.fr", page.Text, StringComparison.Ordinal);
        Assert.Contains("+33 • •• •• •• " + person.Phone[^2..], page.Text, StringComparison.Ordinal);
        Assert.Contains("••••••" + person.FranceTravailId[^2..], page.Text, StringComparison.Ordinal);
        Assert.Contains("FT-2024-03", page.Text, StringComparison.Ordinal);
        Assert.Contains("Cyberattaque contre France Travail et Cap emploi", page.Text, StringComparison.Ordinal);
        Assert.Contains("Données exposées", page.Text, StringComparison.Ordinal);
        Assert.Contains("Numéro de sécurité sociale (NIR)", page.Text, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"robots\" content=\"noindex", page.Html, StringComparison.Ordinal);
        Assert.Contains("tabindex=\"0\"", page.Html, StringComparison.Ordinal);
        foreach (var clear in ClearValuesOf(person))
        {
            Assert.DoesNotContain(clear, page.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(clear, page.Text, StringComparison.OrdinalIgnoreCase);
        }

        var viewed = Assert.Single(await LookupPeople.LookupEventsAsync(app.ConnectionString, staff.Id));
        Assert.Equal(AuditEventType.PersonRecordViewed, viewed.Type);
        Assert.Equal(person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), viewed.SubjectId);
        Assert.Equal(1, await LookupPeople.ViewsCountedAsync(app.ConnectionString, staff.Id));
    }

    [Fact]
    public async Task Lookup_InEnglish_ShowsTheEnglishTexts()
    {
        var person = await LookupPeople.ImportAsync(app.Factory);
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = await staff.SignInAsync(app.Factory);

        var page = await HtmlPage.ReadAsync(await SearchAsync(client, BlindIndexKind.Email, person.Email, "/en" + Path));

        Assert.Equal("en", page.Language);
        Assert.Equal("Find a person", page.Heading);
        Assert.Contains("Cyberattack on France Travail and Cap emploi", page.Text, StringComparison.Ordinal);
        Assert.Contains("Data the registry holds", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_WithoutAReason_SaysSoBesideTheFieldAndNeitherAuditsNorCounts()
    {
        var person = await LookupPeople.ImportAsync(app.Factory);
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = await staff.SignInAsync(app.Factory);

        var page = await HtmlPage.ReadAsync(await SearchAsync(client, BlindIndexKind.Nir, person.Nir, reason: ""));

        Assert.Contains("Indiquez le motif de la consultation.", page.Text, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"lookup-reason-hint lookup-reason-messages\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Nir, page.Html, StringComparison.Ordinal);
        Assert.Empty(await LookupPeople.LookupEventsAsync(app.ConnectionString, staff.Id));
        Assert.Equal(0, await LookupPeople.ViewsCountedAsync(app.ConnectionString, staff.Id));
    }

    [Fact]
    public async Task Lookup_WithAnInvalidNir_ShowsTheReasonAndDoesNotRepeatTheValue()
    {
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = await staff.SignInAsync(app.Factory);
        var wrong = Import.RegistryCsv.NewNir()[..13] + "00";

        var page = await HtmlPage.ReadAsync(await SearchAsync(client, BlindIndexKind.Nir, wrong));

        Assert.Contains("La clé du numéro de sécurité sociale ne correspond pas", page.Text, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"lookup-value-hint lookup-value-messages\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, page.Html, StringComparison.Ordinal);
        Assert.Empty(await LookupPeople.LookupEventsAsync(app.ConnectionString, staff.Id));
    }

    [Fact]
    public async Task Lookup_UnknownPerson_SaysNothingWasFoundAndIsAuditedAndCounted()
    {
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = await staff.SignInAsync(app.Factory);

        var page = await HtmlPage.ReadAsync(await SearchAsync(client, BlindIndexKind.Email, "personne.inconnue@example.fr"));

        Assert.Contains("Aucune personne trouvée", page.Text, StringComparison.Ordinal);
        var nothing = Assert.Single(await LookupPeople.LookupEventsAsync(app.ConnectionString, staff.Id));
        Assert.Equal(AuditEventType.PersonLookupFoundNothing, nothing.Type);
        Assert.DoesNotContain("inconnue", nothing.Detail, StringComparison.Ordinal);
        Assert.Equal(1, await LookupPeople.ViewsCountedAsync(app.ConnectionString, staff.Id));
    }

    [Fact]
    public async Task Lookup_PastTheGuardThreshold_ShowsNoRecordSaysTheAccountIsLockedAndEndsTheSession()
    {
        await using var factory = new PortalFactory(app.ConnectionString);
        factory.Settings[RecordViewGuardOptions.Section + ":MaxViewsPerHour"] = "1";
        var people = await LookupPeople.ImportManyAsync(factory, 2, lastName: "Delacourt");
        var staff = await TestStaff.CreateAsync(factory, StaffRoles.Operator);
        var client = await staff.SignInAsync(factory);

        var allowed = await HtmlPage.ReadAsync(await SearchAsync(client, BlindIndexKind.Nir, people[0].Nir));
        var refused = await HtmlPage.ReadAsync(await SearchAsync(client, BlindIndexKind.Nir, people[1].Nir));

        Assert.Contains("D•••", allowed.Text, StringComparison.Ordinal);
        Assert.Contains("Votre compte vient d'être verrouillé", refused.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("D•••", refused.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("FT-2024-03", refused.Text, StringComparison.Ordinal);
        var viewed = Assert.Single(await LookupPeople.LookupEventsAsync(app.ConnectionString, staff.Id));
        Assert.Equal(people[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), viewed.SubjectId);
        var next = await client.GetAsync(Path, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Contains("/staff/sign-in", next.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookupPage_Get_ShowsAPostFormAndNeverSearchesFromTheAddress()
    {
        var person = await LookupPeople.ImportAsync(app.Factory);
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = await staff.SignInAsync(app.Factory);

        var response = await client.GetAsync($"{Path}?Input.Kind=Nir&Input.Value={person.Nir}&Input.Reason=Demande+du+guichet+12", Cancel);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<form method=\"post\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"off\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Résultat", page.Text, StringComparison.Ordinal);
        Assert.Empty(await LookupPeople.LookupEventsAsync(app.ConnectionString, staff.Id));
        Assert.Equal(0, await LookupPeople.ViewsCountedAsync(app.ConnectionString, staff.Id));
    }

    private static Task<HttpResponseMessage> SearchAsync(HttpClient client, BlindIndexKind kind, string value, string path = Path, string reason = LookupPeople.Reason) =>
        FormPage.SubmitAsync(client, path, path, new Dictionary<string, string>
        {
            ["Input.Kind"] = kind.ToString(),
            ["Input.Value"] = value,
            ["Input.Reason"] = reason,
        });

    private static IEnumerable<string> ClearValuesOf(ImportedPerson person) =>
    [
        person.Nir,
        person.Nir[..7],
        person.FranceTravailId,
        person.Email,
        person.Email[..person.Email.IndexOf('@', StringComparison.Ordinal)],
        person.Phone,
        person.Phone[1..].Replace(" ", "", StringComparison.Ordinal),
        person.Phone.Replace(" ", "", StringComparison.Ordinal),
        person.LastName,
    ];
}
