using System.Net;
using System.Reflection;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Authorization;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Staff;

/// <summary>
/// Who may use each staff page and handler, decided here in one table and checked against the running portal.
/// A page or handler added without a line in <see cref="Expected"/> fails the first test; a line that does not
/// match what the portal enforces fails the second.
/// </summary>
public sealed class StaffPageAccessTests(PortalApp app) : IClassFixture<PortalApp>
{
    private const string Anonymous = "anonymous";
    private static readonly string[] Everyone = [Anonymous, .. StaffRoles.All];
    private static readonly string[] AnyStaff = [.. StaffRoles.All];
    private static readonly string[] Administrators = [StaffRoles.Administrator];
    private static readonly string[] Auditors = [StaffRoles.Auditor];
    private static readonly string[] Operators = [StaffRoles.Operator];
    private static readonly string[] AuthorityReaders = [StaffRoles.Operator, StaffRoles.CnilLiaison];

    /// <summary>"{page} {VERB} {handler}" → who may use it.</summary>
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        ["/Staff/Index GET "] = AnyStaff,
        ["/Staff/Account/SignIn GET "] = Everyone,
        ["/Staff/Account/SignIn POST "] = Everyone,
        ["/Staff/Account/SignInCode GET "] = Everyone,
        ["/Staff/Account/SignInCode POST "] = Everyone,
        ["/Staff/Account/SignInRecovery GET "] = Everyone,
        ["/Staff/Account/SignInRecovery POST "] = Everyone,
        ["/Staff/Account/Enrol GET "] = Everyone,
        ["/Staff/Account/Enrol POST Password"] = Everyone,
        ["/Staff/Account/Enrol POST Code"] = Everyone,
        ["/Staff/MyAccount/Password GET "] = AnyStaff,
        ["/Staff/MyAccount/Password POST "] = AnyStaff,
        ["/Staff/MyAccount/RecoveryCodes GET "] = AnyStaff,
        ["/Staff/MyAccount/RecoveryCodes POST "] = AnyStaff,
        ["/Staff/MyAccount/Phone GET "] = AnyStaff,
        ["/Staff/MyAccount/Phone POST Send"] = AnyStaff,
        ["/Staff/MyAccount/Phone POST Confirm"] = AnyStaff,
        ["/Staff/MyAccount/Phone POST Remove"] = AnyStaff,
        ["/Staff/MyAccount/SignOut GET "] = AnyStaff,
        ["/Staff/MyAccount/SignOut POST "] = AnyStaff,
        ["/Staff/Admin/Index GET "] = Administrators,
        ["/Staff/Admin/Invite GET "] = Administrators,
        ["/Staff/Admin/Invite POST "] = Administrators,
        ["/Staff/Admin/Account GET "] = Administrators,
        ["/Staff/Admin/Account POST Roles"] = Administrators,
        ["/Staff/Admin/Account POST Disable"] = Administrators,
        ["/Staff/Admin/Account POST Enable"] = Administrators,
        ["/Staff/Admin/Account POST ResetSecondFactor"] = Administrators,
        ["/Staff/Admin/Account POST ResendInvitation"] = Administrators,
        ["/Staff/Audit/Index GET "] = Auditors,
        ["/Staff/Audit/Index GET Export"] = Auditors,
        ["/Staff/People/Lookup GET "] = Operators,
        ["/Staff/People/Lookup POST "] = Operators,
        ["/Staff/Extracts/Index GET "] = Operators,
        ["/Staff/Extracts/Upload GET "] = Operators,
        ["/Staff/Extracts/Upload POST "] = Operators,
        ["/Staff/Extracts/Upload GET Progress"] = Operators,
        ["/Staff/Extracts/Batch GET "] = Operators,
        ["/Staff/Extracts/Batch GET Progress"] = Operators,
        ["/Staff/Extracts/Batch GET Rejects"] = Operators,
        ["/Staff/Citizens/Reports GET "] = Operators,
        ["/Staff/Citizens/Reports POST "] = Operators,
        ["/Staff/Citizens/Limits GET "] = Operators,
        ["/Staff/Templates/Index GET "] = Operators,
        ["/Staff/Templates/Details GET "] = Operators,
        ["/Staff/Templates/New GET "] = Operators,
        ["/Staff/Templates/New POST "] = Operators,
        ["/Staff/Templates/New POST Check"] = Operators,
        ["/Staff/Templates/Diff GET "] = Operators,
        ["/Staff/Campaigns/Index GET "] = Operators,
        ["/Staff/Campaigns/New GET "] = Operators,
        ["/Staff/Campaigns/New POST "] = Operators,
        ["/Staff/Campaigns/Details GET "] = Operators,
        ["/Staff/Campaigns/Details POST TestSend"] = Operators,
        ["/Staff/Campaigns/Details POST TestSendSms"] = Operators,
        ["/Staff/Authority/Index GET "] = AuthorityReaders,
        ["/Staff/Authority/Record GET "] = AuthorityReaders,
        ["/Staff/Authority/Edit/Record GET "] = Operators,
        ["/Staff/Authority/Edit/Record POST "] = Operators,
        ["/Staff/Authority/Art33 GET "] = AuthorityReaders,
        ["/Staff/Authority/Art33 GET Json"] = AuthorityReaders,
        ["/Staff/Authority/Edit/Notification GET "] = Operators,
        ["/Staff/Authority/Edit/Notification POST "] = Operators,
        ["/Staff/Authority/Art34 GET "] = AuthorityReaders,
        ["/Staff/Authority/Art34 GET Json"] = AuthorityReaders,
        ["/Staff/Authority/Art34 GET Csv"] = AuthorityReaders,
        ["/Staff/Campaigns/Confirm GET "] = Operators,
        ["/Staff/Campaigns/Confirm POST "] = Operators,
        ["/Staff/Campaigns/Progress GET "] = Operators,
        ["/Staff/Campaigns/Progress GET Json"] = Operators,
    };

    [Fact]
    public void EveryStaffPageAndHandler_HasADecisionInTheMatrix()
    {
        var actual = StaffHandlers().Select(h => h.Key).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(actual.Except(Expected.Keys).Order(StringComparer.Ordinal));
        Assert.Empty(Expected.Keys.Except(actual).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryStaffPageAndHandler_AnswersEachRoleAndAnonymousAsTheMatrixSays()
    {
        var target = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var clients = new Dictionary<string, HttpClient> { [Anonymous] = app.CreateClient() };
        foreach (var role in StaffRoles.All)
        {
            clients[role] = await (await TestStaff.CreateAsync(app.Factory, role)).SignInAsync(app.Factory);
        }

        var mismatches = new List<string>();
        foreach (var handler in StaffHandlers())
        {
            foreach (var (who, client) in clients)
            {
                var response = await SendAsync(client, handler, target.Id);
                var allowed = Expected[handler.Key].Contains(who);
                var outcome = Classify(response);
                if (allowed != (outcome == "allowed"))
                {
                    mismatches.Add($"{handler.Key} as {who}: {outcome} ({(int)response.StatusCode} {response.Headers.Location})");
                }
            }
        }

        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData("/Staff/Index", StaffPolicies.AnyStaff)]
    [InlineData("/Staff/Admin/Index", StaffPolicies.Administrator)]
    [InlineData("/Staff/Campaigns/Index", StaffPolicies.Operator)]
    [InlineData("/Staff/Campaigns/Reports/Index", StaffPolicies.Nobody)]
    [InlineData("/Staff/Extracts/Index", StaffPolicies.Operator)]
    [InlineData("/Staff/Imports/Index", StaffPolicies.Nobody)]
    [InlineData("/Staff/People/Reports/Index", StaffPolicies.Nobody)]
    [InlineData("/Staff/Admin/Settings/Index", StaffPolicies.Nobody)]
    [InlineData("/Staff/Audit/Exports/Index", StaffPolicies.Nobody)]
    public void PolicyFor_AFolderNobodyDecidedOn_IsNobody(string page, string policy) =>
        Assert.Equal(policy, StaffPageAccess.PolicyFor(page));

    [Fact]
    public async Task StaffPage_InAnUndecidedFolder_IsRefusedEvenToAnAdministrator()
    {
        var policies = app.Factory.Services.GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationPolicyProvider>();
        var nobody = await policies.GetPolicyAsync(StaffPolicies.Nobody);
        var service = app.Factory.Services.GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationService>();
        var administrator = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.Role, StaffRoles.Administrator)], "test"));

        var result = await service.AuthorizeAsync(administrator, resource: null, nobody!.Requirements);

        Assert.False(result.Succeeded);
    }

    private static string Classify(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.Forbidden => "forbidden",
        HttpStatusCode.Redirect when response.Headers.Location!.OriginalString.Contains("/staff/sign-in?returnUrl=", StringComparison.Ordinal) => "sent to sign in",
        HttpStatusCode.Unauthorized => "unauthorized",
        _ => "allowed",
    };

    /// <summary>POSTs carry no antiforgery token: an allowed caller gets 400 and nothing changes.</summary>
    private static Task<HttpResponseMessage> SendAsync(HttpClient client, StaffHandler handler, Guid targetId)
    {
        var path = handler.Route.Replace("{id:guid}", targetId.ToString(), StringComparison.Ordinal).Replace("{id:long}", "1", StringComparison.Ordinal)
            .Replace("{id:int}", "1", StringComparison.Ordinal).Replace("{operation}", "approve", StringComparison.Ordinal).Replace("{reference}", "FT-2024-03", StringComparison.Ordinal);
        if (handler.Name.Length > 0)
        {
            path += "?handler=" + handler.Name;
        }

        return handler.Verb == "GET"
            ? client.GetAsync(path, TestContext.Current.CancellationToken)
            : client.PostAsync(path, new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);
    }

    private IEnumerable<StaffHandler> StaffHandlers()
    {
        var pages = app.Factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>()
            .Where(p => StaffPageAccess.IsStaffPage(p.ViewEnginePath))
            .GroupBy(p => p.ViewEnginePath);
        foreach (var page in pages)
        {
            // One descriptor per route (with and without the /en prefix convention, if any): the first route is enough.
            var descriptor = page.First();
            var route = "/" + descriptor.AttributeRouteInfo!.Template!.TrimStart('/');
            var model = typeof(Program).Assembly.GetType("BreachPortal.Web.Pages" + page.Key.Replace('/', '.') + "Model");
            var methods = model?.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Select(m => HandlerOf(m.Name))
                .Where(h => h is not null)
                .Select(h => h!.Value)
                .Distinct()
                .ToList() ?? [("GET", "")];
            foreach (var (verb, name) in methods)
            {
                yield return new StaffHandler(page.Key, route, verb, name);
            }
        }
    }

    private static (string Verb, string Name)? HandlerOf(string method)
    {
        foreach (var verb in new[] { "Get", "Post" })
        {
            if (method.StartsWith("On" + verb, StringComparison.Ordinal))
            {
                var name = method["On".Length..][verb.Length..];
                name = name.EndsWith("Async", StringComparison.Ordinal) ? name[..^"Async".Length] : name;
                return (verb.ToUpperInvariant(), name);
            }
        }

        return null;
    }

    private sealed record StaffHandler(string Page, string Route, string Verb, string Name)
    {
        public string Key => $"{Page} {Verb} {Name}";
    }
}
