using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Warta.Tests.Infrastructure;
using Warta.Web.Academy;
using Warta.Web.Commerce;
using Warta.Web.Discovery.Api;
using Warta.Web.Markets;
using Warta.Web.Markets.Live;
using Warta.Web.Members;
using Warta.Web.Reader;
using Warta.Web.Shared;

namespace Warta.Tests.Security;

/// <summary>
/// Issue 11, item 3: every endpoint of the running app is exactly one of three things: a reader page with its cache rule,
/// a staff page or API that an anonymous caller cannot reach, or one of the few public, uncached endpoints listed here with
/// the reason. A new page that forgets its cache rule or its staff base class fails here, by name.
/// </summary>
public partial class EndpointRulesTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    static readonly string[] StaffPolicies = [StaffAccess.StaffPolicy, StaffAccess.EditorPolicy, StaffAccess.AdminPolicy, ApiAuth.NewsroomPolicy, ApiAuth.QuotesPolicy, ApiAuth.AnyKeyPolicy];

    const string ContentApi = "the public content API: the same JSON for everyone, with its own ETag and Cache-Control for browsers and proxies; " +
                              "a copy in the server's cache would answer past the per-client rate limit";

    static readonly Dictionary<string, string> PublicUncached = new()
    {
        ["/healthz"] = "the health check answers for this node now, never from a stored copy",
        [LiveTicker.Path] = "an endless event stream: a stored copy would hold every reader on the first one's response",
        ["/api/markets/ticker"] = "the ticker as JSON for the page script, read fresh from the ticker's own one-snapshot cache",
        ["/promo/tutup/{slot}"] = "a reader closing a promo: a form post that sets that reader's cookie",
        [PreviewLink.Route] = "a preview link shows an unpublished story to whoever holds the token, so it is never shared",
        [ReaderRoutes.Gift] = "a subscriber's gift link opens a premium story in full for whoever holds it, so it is never shared",
        [PreviewLink.StaffRoute] = "the staff preview: its handler shows a story only to staff who may read it (StaffAccessMatrixTests)",
        [ReaderRoutes.Error] = "the error page is rendered in place of a failed page and carries its status",
        [StaffRoutes.SignIn] = "staff sign-in",
        [StaffRoutes.SignInCode] = "the second step of staff sign-in",
        [StaffRoutes.AcceptInvite] = "accepting a staff invite, before the account exists",
        [ReaderAccess.SignInPath] = "reader sign-in: a form with this visitor's own antiforgery token",
        [ReaderAccess.RegisterPath] = "reader registration: a form with this visitor's own antiforgery token",
        [ReaderAccess.ConfirmPath] = "the link in a reader's confirmation mail: its code is for that reader alone",
        [ReaderAccess.ResendConfirmationPath] = "asking for the confirmation link again, before signing in: a form with this visitor's own antiforgery token",
        [ReaderAccess.ForgotPasswordPath] = "asking for a password reset link, signed out by definition: a form with this visitor's own antiforgery token",
        [ReaderAccess.ResetPasswordPath] = "the link in a reader's reset mail, opened signed out: its code is for that reader alone",
        [ReaderAccess.ConfirmEmailChangePath] = "the link mailed to a reader's new address, opened in whichever browser reads that mail: its code is for that reader alone",
        [MidtransNotifications.Path] = "Midtrans' server-to-server payment notification: signed, confirmed with the status API, rate-limited",
        [ContentApiRoutes.Articles] = ContentApi,
        [ContentApiRoutes.Article] = ContentApi,
        [ContentApiRoutes.Channels] = ContentApi,
        [ContentApiRoutes.Tags] = ContentApi,
        [ContentApiRoutes.Authors] = ContentApi,
        [ContentApiRoutes.Instruments] = ContentApi,
        [ContentApiRoutes.Document] = "the content API's public description; browsers and proxies may keep it a few minutes (Cache-Control)",
        [Warta.Web.ApiDocument.Path] = "without a key the content API's public description; with a valid key the admin one, checked in its handler " +
                                       "(ApiDocumentTests: a wrong key gets 401 and nothing else), never stored (Vary: Authorization)",
    };

    /// <summary>The sign-in pages say they are open on the page itself, not by being left out of a rule.</summary>
    static readonly string[] SignInRoutes = [StaffRoutes.SignIn, StaffRoutes.SignInCode, StaffRoutes.AcceptInvite];

    /// <summary>Assets: fingerprinted bytes held in memory with their own year-long Cache-Control.</summary>
    static readonly HashSet<string> AssetPaths = Assets.Paths.ToHashSet();

    /// <summary>Every route constant the features declare for their public pages.</summary>
    static readonly HashSet<string> DeclaredRoutes = new[] { typeof(ReaderRoutes), typeof(MarketRoutes), typeof(AcademyRoutes), typeof(PreviewLink), typeof(StaffRoutes), typeof(ReaderAccess), typeof(CommerceRoutes), typeof(MemberRoutes), typeof(ContentApiRoutes), typeof(Warta.Web.Discovery.Search.SearchRoutes) }
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
        .Select(f => (string)f.GetRawConstantValue()!).ToHashSet();

    static bool IsPage(Endpoint endpoint) => endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null;

    [GeneratedRegex(@"\{(\*\*)?(?<name>\w+)(?<constraint>[^}]*)\}")]
    private static partial Regex Parameter();

    /// <summary>An address that matches the route: a made-up value of the right kind for each parameter.</summary>
    static string Fill(string route) => Parameter().Replace(route, m =>
        m.Groups["constraint"].Value.Contains("guid") ? Guid.NewGuid().ToString() : m.Groups["constraint"].Value.Contains("int") ? "1" : "x");

    [Fact]
    public async Task Every_endpoint_is_a_cached_reader_page_a_staff_endpoint_closed_to_anonymous_callers_or_a_listed_public_one()
    {
        var endpoints = AppEndpoints.All(app);
        Assert.True(endpoints.Count > 60, $"only {endpoints.Count} endpoints found");
        var anonymous = app.ReaderClient();
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var route = AppEndpoints.Route(endpoint);
            var cached = endpoint.Metadata.GetMetadata<CachedPageAttribute>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            var staff = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null && policies.Count > 0 && policies.All(StaffPolicies.Contains);
            // A signed-in reader's own pages: for that reader alone, so never cached, and closed to everyone else.
            var readerOnly = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null && policies.Count > 0 && policies.All(p => p == ReaderAccess.Policy);
            var listed = PublicUncached.ContainsKey(route) || AssetPaths.Contains(route);
            if (new[] { cached, staff, readerOnly, listed }.Count(kind => kind) != 1)
            {
                failures.Add($"{route} ({endpoint.DisplayName}): cached {cached}, staff {staff} (policies: {string.Join(",", policies)}), reader's own {readerOnly}, listed {listed}; it must be exactly one");
                continue;
            }
            if (IsPage(endpoint) && (cached || listed || readerOnly) && !DeclaredRoutes.Contains(route))
                failures.Add($"{route}: the page's @page route is not a route constant of its feature");
            if (!staff && !readerOnly) continue;
            var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods[0] ?? HttpMethods.Get;
            var address = Fill(route);
            var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), address));
            var location = response.Headers.Location?.OriginalString.Replace("http://localhost", "");
            // A staff or reader page sends an anonymous caller to its own sign-in and back; a staff API (cookie or key) says 401.
            var signIn = readerOnly ? ReaderAccess.SignInPath : StaffRoutes.SignIn;
            if (IsPage(endpoint)
                    ? response.StatusCode != HttpStatusCode.Redirect || location != signIn + "?ReturnUrl=" + Uri.EscapeDataString(address)
                    : response.StatusCode != HttpStatusCode.Unauthorized)
                failures.Add($"{method} {address} ({endpoint.DisplayName}) answered an anonymous caller {(int)response.StatusCode} {location}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void The_sign_in_pages_are_open_by_their_own_declaration_and_every_listed_public_endpoint_exists()
    {
        var routes = AppEndpoints.All(app).ToLookup(AppEndpoints.Route);
        foreach (var route in SignInRoutes)
            Assert.All(routes[route], endpoint => Assert.NotNull(endpoint.Metadata.GetMetadata<IAllowAnonymous>()));
        foreach (var route in PublicUncached.Keys.Concat(AssetPaths))
            Assert.True(routes[route].Any(), $"{route} is listed as public but no endpoint has it");
    }
}
