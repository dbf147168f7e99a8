using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
using Warta.Web.Accounts;
using Warta.Web.Accounts.Staff;
using Warta.Web.Newsroom;

namespace Warta.Tests.Security;

/// <summary>
/// API keys at their edges: what a key may be named and scoped, the secret it gets, revoking it, and exactly what a caller
/// without the right key is told. Staff pages name people by their display name, not their sign-in address.
/// </summary>
public class ApiKeyRulesTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    const string Channels = "/api/admin/channels";

    async Task<T> WithKeysAsync<T>(Func<ApiKeyService, Task<T>> use)
    {
        using var scope = app.Services.CreateScope();
        return await use(scope.ServiceProvider.GetRequiredService<ApiKeyService>());
    }

    HttpClient Caller(string? authorization)
    {
        var client = app.CreateClient();
        if (authorization is not null) Assert.True(client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization));
        return client;
    }

    static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(title, body.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_key_name_of_one_to_120_characters_is_taken_trimmed_and_any_other_is_refused_with_the_reason()
    {
        var longest = new string('k', 120);
        var (key, secret, errors) = await WithKeysAsync(k => k.TryCreateAsync("  " + longest + "  ", ApiScopes.Markets));
        Assert.False(errors.Any);
        Assert.NotNull(secret);
        Assert.Equal(longest, key!.Name);
        Assert.Equal("K", (await WithKeysAsync(k => k.TryCreateAsync("K", ApiScopes.Markets))).Key!.Name);

        foreach (var name in new[] { null, "", "   ", new string('k', 121) })
        {
            var refused = await WithKeysAsync(k => k.TryCreateAsync(name, ApiScopes.Markets));
            Assert.Null(refused.Key);
            Assert.Null(refused.Secret);
            Assert.Equal(["name"], refused.Errors.Fields);
            Assert.Equal(["The name must be 1–120 characters."], refused.Errors.ByField(indonesian: false)["name"]);
            Assert.Equal("Nama kunci wajib diisi, paling banyak 120 karakter.", refused.Errors.For("name"));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("root")]
    public async Task A_scope_other_than_newsroom_or_markets_is_refused_with_the_scopes_named(string? scope)
    {
        var refused = await WithKeysAsync(k => k.TryCreateAsync("Impor", scope));
        Assert.Null(refused.Key);
        Assert.Equal(["scope"], refused.Errors.Fields);
        Assert.Equal(["The scope must be one of: newsroom, markets."], refused.Errors.ByField(indonesian: false)["scope"]);
        Assert.Equal("Cakupan kunci adalah newsroom atau markets.", refused.Errors.For("scope"));
    }

    [Fact]
    public async Task A_bad_name_and_a_bad_scope_are_both_named_and_no_key_is_saved()
    {
        var before = await app.InDbAsync(db => db.ApiKeys.CountAsync());
        var refused = await WithKeysAsync(k => k.TryCreateAsync(" ", "root"));
        Assert.Equal(["name", "scope"], refused.Errors.Fields.Order(StringComparer.Ordinal));
        Assert.Equal(before, await app.InDbAsync(db => db.ApiKeys.CountAsync()));
        await Assert.ThrowsAsync<ArgumentException>(() => WithKeysAsync(k => k.CreateAsync(" ", "root")));
    }

    [Fact]
    public async Task A_new_keys_secret_is_a_wk_token_kept_only_as_its_hash_with_its_first_ten_characters_to_recognise_it()
    {
        var (key, secret) = await WithKeysAsync(k => k.CreateAsync("Rahasia", ApiScopes.Newsroom));
        Assert.Matches("^wk_[A-Za-z0-9_-]{43}$", secret);
        Assert.Equal(secret[..10], key.Prefix);
        Assert.Equal(ApiAuth.Hash(secret), key.Hash);
        Assert.Equal((ApiScopes.Newsroom, app.Clock.GetUtcNow()), (key.Scope, key.CreatedAt));
        Assert.Equal(HttpStatusCode.OK, (await Caller("Bearer " + secret).GetAsync(Channels)).StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once_and_revoking_it_again_changes_nothing()
    {
        var (key, secret) = await WithKeysAsync(k => k.CreateAsync("Dicabut", ApiScopes.Newsroom));
        var (_, kept) = await WithKeysAsync(k => k.CreateAsync("Tetap", ApiScopes.Newsroom));
        var api = Caller("Bearer " + secret);
        // The first call puts the key in this node's lookup cache; revoking must take it out.
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Channels)).StatusCode);

        var revoked = await WithKeysAsync(k => k.RevokeAsync(key.Id));
        Assert.Equal((key.Id, app.Clock.GetUtcNow()), (revoked!.Id, revoked.RevokedAt));
        await AssertProblemAsync(await api.GetAsync(Channels), HttpStatusCode.Unauthorized, "An API key is required: Authorization: Bearer <key>.");

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await WithKeysAsync(k => k.RevokeAsync(key.Id)));
        Assert.Null(await WithKeysAsync(k => k.RevokeAsync(int.MaxValue)));
        Assert.Equal(revoked.RevokedAt, await app.InDbAsync(db => db.ApiKeys.Where(k => k.Id == key.Id).Select(k => k.RevokedAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await Caller("Bearer " + kept).GetAsync(Channels)).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer wk_pendek")]
    [InlineData("Bearer wk_not-a-real-key-at-all")]
    public async Task A_caller_without_a_key_or_with_an_unknown_one_is_told_a_bearer_key_is_required(string? authorization)
    {
        var response = await Caller(authorization).GetAsync(Channels);
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "An API key is required: Authorization: Bearer <key>.");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_key_longer_than_any_secret_is_refused_like_an_unknown_one() =>
        await AssertProblemAsync(await Caller("Bearer wk_" + new string('x', 300)).GetAsync(Channels), HttpStatusCode.Unauthorized,
            "An API key is required: Authorization: Bearer <key>.");

    [Fact]
    public async Task A_key_whose_scope_does_not_cover_the_call_is_forbidden_with_the_reason()
    {
        var markets = await app.ApiClientAsync(ApiScopes.Markets);
        await AssertProblemAsync(await markets.GetAsync(Channels), HttpStatusCode.Forbidden, "This API key's scope does not allow this.");
    }

    [Fact]
    public async Task The_bearer_scheme_is_read_in_any_case_and_the_secret_without_the_spaces_around_it()
    {
        var (_, secret) = await WithKeysAsync(k => k.CreateAsync("Huruf Kecil", ApiScopes.Newsroom));
        Assert.Equal(HttpStatusCode.OK, (await Caller("bearer    " + secret).GetAsync(Channels)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Caller("BEARER " + secret).GetAsync(Channels)).StatusCode);
    }

    [Fact]
    public async Task A_story_saved_on_a_staff_page_names_its_author_by_display_name_not_sign_in_address()
    {
        await (await app.ApiClientAsync()).EnsureChannelAsync("ekonomi", "Ekonomi", 1);
        var writer = await app.StaffAsync(StaffRoles.Writer, "Sari Penulis Nama");
        var id = await writer.DraftAsync("Nama Penulis di Riwayat");
        var authors = await app.InDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == id).Select(r => r.AuthorName).ToListAsync());
        Assert.Equal(["Sari Penulis Nama"], authors);
    }

    [Fact]
    public async Task A_change_made_with_a_key_is_audited_under_the_keys_id_and_name()
    {
        var (key, secret) = await WithKeysAsync(k => k.CreateAsync("Pengimpor Kanal", ApiScopes.Newsroom));
        var saved = await Caller("Bearer " + secret).PutAsJsonAsync("/api/admin/channels/kanal-kunci", new { name = "Kanal Kunci" });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var entry = await app.InDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.ChannelSave && e.Subject == "kanal-kunci"));
        Assert.Equal(("apikey:" + key.Id, "Pengimpor Kanal"), (entry.ActorId, entry.Actor));
    }

    [Fact]
    public async Task A_staff_member_without_a_display_name_is_named_by_their_sign_in_address()
    {
        await (await app.ApiClientAsync()).EnsureChannelAsync("ekonomi", "Ekonomi", 1);
        var writer = await app.StaffAsync(StaffRoles.Editor, "");
        var id = await writer.DraftAsync("Tanpa Nama Tampilan");
        var email = await app.InDbAsync(db => db.Users.Where(u => u.Id == writer.UserId).Select(u => u.Email!).SingleAsync());
        var authors = await app.InDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == id).Select(r => r.AuthorName).ToListAsync());
        Assert.Equal([email], authors);
    }
}
