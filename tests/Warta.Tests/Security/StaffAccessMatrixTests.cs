using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using Warta.Tests.Infrastructure;
using Warta.Tests.Newsroom;
using Warta.Web.Data;
using Warta.Web.Markets.Feeds;
using Warta.Web.Newsroom;

namespace Warta.Tests.Security;

/// <summary>
/// Issue 10, item 2: every staff page and staff API, for every kind of caller and every method, answers exactly what the
/// endpoint's own authorization metadata says. The endpoints come from the running app's <see cref="EndpointDataSource"/>,
/// the expected answer from the policy on each endpoint; a staff route without authorization fails the test.
/// </summary>
public class StaffAccessMatrixTests(StaffFactory app) : IClassFixture<StaffFactory>
{
    /// <summary>The only staff routes anyone may open: signing in, the second sign-in step, and accepting an invite.</summary>
    static readonly HashSet<string> OpenStaffRoutes = ["/redaksi/masuk", "/redaksi/masuk/kode", "/redaksi/undangan/{token}",
        // The reader's article page under its staff address: its handler shows a story only to staff who may read it (tested below).
        "/redaksi/pratinjau/{id:guid}"];

    sealed record Caller(string Name, string? Role, string? Scope, HttpClient Http, string? Token = null);

    sealed record Rule(string Route, string[] Schemes, string[]? Roles, string? ScopeClaim, string[]? Scopes);

    static bool IsStaff(string route) =>
        route.StartsWith("/redaksi", StringComparison.Ordinal) || route.StartsWith("/api/admin", StringComparison.Ordinal)
        || (route.StartsWith("/api/markets", StringComparison.Ordinal) && route != "/api/markets/ticker"); // the ticker is the readers' own

    /// <summary>The staff endpoints of the running app with their methods, and the authorization each declares.</summary>
    async Task<List<(RouteEndpoint Endpoint, string Route, string[] Methods, Rule? Rule)>> StaffEndpointsAsync()
    {
        var provider = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var found = new List<(RouteEndpoint, string, string[], Rule?)>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (!IsStaff(route)) continue;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToArray() ?? ["GET", "POST"]; // a page: its GET and POST handlers
            Rule? rule = null;
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                var policy = await AuthorizationPolicy.CombineAsync(provider, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
                    endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
                if (policy is not null)
                {
                    string[]? roles = null;
                    string? claim = null;
                    string[]? scopes = null;
                    foreach (var requirement in policy.Requirements)
                    {
                        switch (requirement)
                        {
                            case RolesAuthorizationRequirement r: roles = [.. r.AllowedRoles]; break;
                            case ClaimsAuthorizationRequirement c: claim = c.ClaimType; scopes = c.AllowedValues?.ToArray(); break;
                            case DenyAnonymousAuthorizationRequirement: break;
                            default: throw new Xunit.Sdk.XunitException($"{route}: requirement {requirement.GetType().Name} is not understood by this test; teach it.");
                        }
                    }
                    // No scheme named: the default one, the staff cookie. Signed in with no role named: every staff role (only staff have accounts).
                    string[] schemes = policy.AuthenticationSchemes.Count == 0 ? [IdentityConstants.ApplicationScheme] : [.. policy.AuthenticationSchemes];
                    if (roles is null && scopes is null && schemes.SequenceEqual([IdentityConstants.ApplicationScheme])) roles = StaffRoles.All;
                    rule = new Rule(route, schemes, roles, claim, scopes);
                }
            }
            found.Add((endpoint, route, methods, rule));
        }
        return found;
    }

    [Fact]
    public async Task Every_staff_route_declares_who_may_open_it()
    {
        _ = app.CreateClient();
        var endpoints = await StaffEndpointsAsync();
        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} staff endpoints found");
        var open = endpoints.Where(e => e.Rule is null).Select(e => e.Route).ToHashSet();
        Assert.True(open.SetEquals(OpenStaffRoutes), "staff routes without authorization: " + string.Join(", ", open.Except(OpenStaffRoutes)));
        // Every protected staff route names the scheme it trusts and the roles or key scopes it admits, never just "signed in".
        foreach (var (_, route, _, rule) in endpoints.Where(e => e.Rule is not null))
        {
            Assert.True(rule!.Schemes.Length == 1, $"{route}: schemes {string.Join(",", rule.Schemes)}");
            Assert.True(rule.Roles is { Length: > 0 } || rule.Scopes is { Length: > 0 }, $"{route} admits anyone signed in");
        }
        // The wire-source pages and the market feed pages are for admins only.
        foreach (var route in new[] { "/redaksi/wire/feed", "/redaksi/wire/feed/{id}", "/redaksi/pasar/feed", "/redaksi/pasar/feed/{id}", "/redaksi/admin/staf" })
            Assert.Equal([StaffRoles.Admin], endpoints.Single(e => e.Route == route).Rule!.Roles!);
        Assert.Equal([StaffRoles.Admin, StaffRoles.Editor], endpoints.Single(e => e.Route == "/redaksi/wire").Rule!.Roles!);
    }

    [Fact]
    public async Task An_editor_can_neither_open_nor_save_a_wire_source()
    {
        var editor = await app.StaffAsync(StaffRoles.Editor);
        foreach (var path in new[] { "/redaksi/wire/feed", "/redaksi/wire/feed/baru" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await editor.Http.GetAsync(path)).StatusCode);
            var (status, _, _) = await editor.PostFormAsync(path, new Dictionary<string, string?>
            {
                ["Form.Agency"] = "Metadata", ["Form.Kind"] = "url", ["Form.Url"] = "http://169.254.169.254/latest/", ["Form.IntervalMinutes"] = "5",
                ["Form.Channel"] = "ekonomi", ["Form.AllowPrivateAddresses"] = "true", ["Form.Enabled"] = "true",
            });
            Assert.Equal(HttpStatusCode.Forbidden, status);
        }
        Assert.False(await app.InDbAsync(db => db.WireFeeds.AnyAsync(f => f.Agency == "Metadata")));
    }

    /// <summary>Real ids for every route parameter, so a refusal is never a 404 in disguise.</summary>
    async Task<Dictionary<string, string>> RouteValuesAsync(StaffClient writer)
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        await api.EnsureChannelAsync("matriks", "Matriks");
        var story = await writer.DraftAsync("Berita untuk matriks akses");
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestImages.Encode(64, 48, SKEncodedImageFormat.Jpeg));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "matriks.jpg");
        var media = await (await api.PostAsync("/api/admin/media", form)).ReadAsync<System.Text.Json.JsonElement>(201);
        var member = await Warta.Tests.Members.MembersKit.ReaderAsync(app, "matriks@pembaca.test");
        int wireFeed, quoteFeed;
        Guid courseId;
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            var wire = db.WireFeeds.Add(new Warta.Web.Newsroom.Wire.WireFeed
            {
                Agency = "Agensi Matriks", Url = "https://agensi.example/rss.xml",
                ChannelId = await db.Channels.Where(c => c.Slug == "ekonomi").Select(c => c.Id).SingleAsync(), NextPollAt = app.Clock.GetUtcNow().AddDays(1),
            }).Entity;
            var quotes = db.QuoteFeeds.Add(new QuoteFeed
            {
                Name = "Feed Matriks", Url = "https://feed.example/q.json", Format = FeedFormat.Json, SymbolField = "code", ValueField = "last",
                Symbols = "LQ45", NextDueAt = app.Clock.GetUtcNow().AddDays(1),
            }).Entity;
            db.Orders.Add(new Warta.Web.Commerce.Order
            {
                Number = "WRT-20230505-MATRKS", ReaderId = Guid.NewGuid(), Kind = Warta.Web.Commerce.OrderKinds.Subscription, Reference = "premium-bulanan",
                Description = "Premium bulanan", AmountRupiah = 49_000, Gateway = Warta.Web.Commerce.Checkout.Transfer,
                CreatedAt = app.Clock.GetUtcNow(), ExpiresAt = app.Clock.GetUtcNow().AddDays(1), Version = Guid.NewGuid(),
            });
            var course = db.Courses.Add(new Warta.Web.Academy.Course
            {
                Title = "Kelas Matriks", Slug = "kelas-matriks", StartsAt = app.Clock.GetUtcNow().AddDays(10), EndsAt = app.Clock.GetUtcNow().AddDays(10).AddHours(3), Seats = 10,
            }).Entity;
            await db.SaveChangesAsync();
            (wireFeed, quoteFeed, courseId) = (wire.Id, quotes.Id, course.Id);
        }
        return new()
        {
            ["/redaksi/sunting/{id}"] = $"/redaksi/sunting/{story}",
            ["/redaksi/sunting/{id}/revisi"] = $"/redaksi/sunting/{story}/revisi",
            ["/redaksi/media/{id}"] = $"/redaksi/media/{media.GetProperty("id").GetString()}",
            ["/redaksi/wire/feed/{id}"] = $"/redaksi/wire/feed/{wireFeed}",
            ["/redaksi/pasar/feed/{id}"] = $"/redaksi/pasar/feed/{quoteFeed}",
            ["/redaksi/admin/anggota/{id}"] = $"/redaksi/admin/anggota/{member.Id}",
            ["/api/admin/articles/{id}"] = $"/api/admin/articles/{story}",
            ["/api/admin/articles/{id}/revisions"] = $"/api/admin/articles/{story}/revisions",
            ["/api/admin/channels/{slug}"] = "/api/admin/channels/matriks",
            ["/api/admin/promos/{slot}"] = "/api/admin/promos/header",
            ["/api/admin/instruments/{symbol}"] = "/api/admin/instruments/LQ45",
            ["/redaksi/admin/pesanan/{number}"] = "/redaksi/admin/pesanan/WRT-20230505-MATRKS",
            ["/redaksi/admin/kelas/{id}/peserta"] = $"/redaksi/admin/kelas/{courseId}/peserta",
        };
    }

    static string PathOf(string route, Dictionary<string, string> values)
    {
        var plain = System.Text.RegularExpressions.Regex.Replace(route, @"\{([^}:?=]+)(:[^}?=]+)*\??\}", m => "{" + m.Groups[1].Value.TrimStart('*') + "}");
        if (values.TryGetValue(plain, out var path)) return path;
        Assert.DoesNotContain("{", plain);
        return plain;
    }

    /// <summary>What <paramref name="caller"/> must get: past the door (200 for a read; 400 for a write without a token or a body), to sign-in, 401 or 403.</summary>
    static (HttpStatusCode Status, string? Location) Expected(Rule rule, Caller caller, string method)
    {
        var cookie = rule.Schemes.Single() == IdentityConstants.ApplicationScheme;
        var identified = cookie ? caller.Role is not null : caller.Scope is not null;
        if (!identified)
            return cookie && !rule.Route.StartsWith("/redaksi/api", StringComparison.Ordinal) ? (HttpStatusCode.Redirect, "/redaksi/masuk") : (HttpStatusCode.Unauthorized, null);
        var admitted = cookie ? rule.Roles!.Contains(caller.Role!) : rule.Scopes!.Contains(caller.Scope!);
        if (!admitted) return (HttpStatusCode.Forbidden, null);
        return method == "GET" ? (HttpStatusCode.OK, null) : (HttpStatusCode.BadRequest, null);
    }

    [Fact]
    public async Task Every_staff_endpoint_answers_every_caller_and_method_exactly_as_its_policy_says()
    {
        var writer = await app.StaffAsync(StaffRoles.Writer);
        var editor = await app.StaffAsync(StaffRoles.Editor);
        var admin = await app.StaffAsync(StaffRoles.Admin);
        var values = await RouteValuesAsync(writer);
        Caller[] callers =
        [
            new("anonymous", null, null, app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })),
            new("writer", StaffRoles.Writer, null, writer.Http, writer.Token),
            new("editor", StaffRoles.Editor, null, editor.Http, editor.Token),
            new("admin", StaffRoles.Admin, null, admin.Http, admin.Token),
            new("newsroom key", null, ApiScopes.Newsroom, await app.ApiClientAsync(ApiScopes.Newsroom)),
            new("markets key", null, ApiScopes.Markets, await app.ApiClientAsync(ApiScopes.Markets)),
        ];

        var failures = new List<string>();
        var admittedDeletes = new List<(string Route, Caller Caller)>();
        var checkedCount = 0;
        foreach (var (_, route, methods, rule) in await StaffEndpointsAsync())
        {
            if (rule is null) continue;
            var path = PathOf(route, values);
            foreach (var method in methods)
            foreach (var caller in callers)
            {
                var (status, location) = Expected(rule, caller, method);
                // An admitted DELETE would delete the matrix's story: it is sent once at the end, on a story of its own.
                if (method == "DELETE" && status == HttpStatusCode.BadRequest)
                {
                    admittedDeletes.Add((route, caller));
                    continue;
                }
                // A write carries no antiforgery token and a broken or empty body: an admitted caller is stopped right after the door (400).
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                var isApi = route.StartsWith("/api", StringComparison.Ordinal);
                if (method is not ("GET" or "DELETE"))
                    request.Content = new StringContent(isApi ? "[" : "", System.Text.Encoding.UTF8, isApi ? "application/json" : "application/x-www-form-urlencoded");
                // The editor's script sends its token with reads too (the editor API checks it on every call, tested in its own tests).
                if (method == "GET" && caller.Token is not null && route.StartsWith("/redaksi/api", StringComparison.Ordinal))
                    request.Headers.Add("RequestVerificationToken", caller.Token);
                using var response = await caller.Http.SendAsync(request);
                checkedCount++;
                var got = response.StatusCode;
                var target = response.Headers.Location?.OriginalString.Replace("http://localhost", "");
                if (got != status || (location is not null && target?.StartsWith(location + "?", StringComparison.Ordinal) != true))
                    failures.Add($"{method} {path} as {caller.Name}: expected {(int)status}{(location is null ? "" : " → " + location)}, got {(int)got} {target}");
            }
        }
        foreach (var (route, caller) in admittedDeletes)
        {
            var doomed = await caller.Http.PublishAsync(NewsroomApi.Story("Berita untuk dihapus " + Guid.NewGuid().ToString("N")[..6]));
            var response = await caller.Http.DeleteAsync(route.Replace("{id:guid}", doomed.Id.ToString()));
            checkedCount++;
            if (response.StatusCode != HttpStatusCode.OK) failures.Add($"DELETE {route} as {caller.Name}: expected 200, got {(int)response.StatusCode}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedCount} answers wrong:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task The_staff_preview_address_shows_a_story_only_to_staff_who_may_read_it()
    {
        await (await app.ApiClientAsync()).EnsureChannelAsync("ekonomi", "Ekonomi");
        var owner = await app.StaffAsync(StaffRoles.Writer, "Pemilik Pratinjau");
        var story = await owner.DraftAsync("Draf untuk pratinjau redaksi");
        var path = $"/redaksi/pratinjau/{story}";
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.StaffAsync(StaffRoles.Writer, "Penulis Lain")).Http.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiClientAsync()).GetAsync(path)).StatusCode);
        foreach (var reader in new[] { owner, await app.StaffAsync(StaffRoles.Editor), await app.StaffAsync(StaffRoles.Admin) })
            Assert.Contains("Draf untuk pratinjau redaksi", (await reader.Http.GetPageAsync(path)).Text("h1"));
    }
}
