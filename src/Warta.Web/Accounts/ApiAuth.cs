using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Accounts;

public static class ApiAuth
{
    public const string Scheme = "ApiKey";
    public const string ScopeClaim = "scope";
    public const string NewsroomPolicy = "api:newsroom";
    /// <summary>Quotes may be posted with a markets key or a newsroom key.</summary>
    public const string QuotesPolicy = "api:quotes";
    /// <summary>Any API key, whatever its scope (the API's own description).</summary>
    public const string AnyKeyPolicy = "api:any";

    public static string CacheKey(string hash) => "apikey:" + hash;

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static void AddPolicies(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddPolicy(NewsroomPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(ScopeClaim, ApiScopes.Newsroom));
        options.AddPolicy(QuotesPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(ScopeClaim, ApiScopes.Newsroom, ApiScopes.Markets));
        options.AddPolicy(AnyKeyPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(ScopeClaim, ApiScopes.All));
    }
}

public sealed class ApiKeyService(WartaDb db, TimeProvider clock, IMemoryCache cache)
{
    /// <summary>Creates a key and returns its secret, which is shown once and never stored; <paramref name="beforeSave"/> adds what is saved with it (its audit entry).</summary>
    public async Task<(ApiKey? Key, string? Secret, Errors Errors)> TryCreateAsync(string? name, string? scope, Action<ApiKey>? beforeSave = null)
    {
        var errors = new Errors();
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 120) errors.Add("name", "The name must be 1–120 characters.", "Nama kunci wajib diisi, paling banyak 120 karakter.");
        if (scope is null || !ApiScopes.All.Contains(scope))
            errors.Add("scope", $"The scope must be one of: {string.Join(", ", ApiScopes.All)}.", "Cakupan kunci adalah newsroom atau markets.");
        if (errors.Any) return (null, null, errors);
        var secret = "wk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = new ApiKey { Name = name!, Scope = scope!, Prefix = secret[..10], Hash = ApiAuth.Hash(secret), CreatedAt = clock.GetUtcNow() };
        db.ApiKeys.Add(key);
        beforeSave?.Invoke(key);
        await db.SaveChangesAsync();
        return (key, secret, errors);
    }

    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, string scope, Action<ApiKey>? beforeSave = null)
    {
        var (key, secret, errors) = await TryCreateAsync(name, scope, beforeSave);
        return key is null ? throw new ArgumentException(errors.ToString()) : (key, secret!);
    }

    /// <summary>Revokes a key. This node forgets it at once; other nodes within their 30-second lookup cache.</summary>
    public async Task<ApiKey?> RevokeAsync(int id, Action<ApiKey>? beforeSave = null)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id && k.RevokedAt == null);
        if (key is null) return null;
        key.RevokedAt = clock.GetUtcNow();
        beforeSave?.Invoke(key);
        await db.SaveChangesAsync();
        cache.Remove(ApiAuth.CacheKey(key.Hash));
        return key;
    }
}

/// <summary>Authenticates <c>Authorization: Bearer &lt;key&gt;</c> against the stored hashes.</summary>
public sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IServiceScopeFactory scopes, IMemoryCache cache) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (secret.Length is < 10 or > 200) return AuthenticateResult.Fail("Malformed key");
        var hash = ApiAuth.Hash(secret);
        var key = await cache.GetOrCreateAsync(ApiAuth.CacheKey(hash), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WartaDb>();
            return await db.ApiKeys.AsNoTracking().Where(k => k.Hash == hash && k.RevokedAt == null)
                .Select(k => new { k.Id, k.Name, k.Scope }).FirstOrDefaultAsync();
        });
        if (key is null) return AuthenticateResult.Fail("Unknown key");
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "apikey:" + key.Id), new Claim(ClaimTypes.Name, key.Name), new Claim(ApiAuth.ScopeClaim, key.Scope)],
            ApiAuth.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiAuth.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: 401, title: "An API key is required: Authorization: Bearer <key>.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        await Results.Problem(statusCode: 403, title: "This API key's scope does not allow this.").ExecuteAsync(Context);
    }
}
