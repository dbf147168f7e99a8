using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Warta.Web.Accounts.Readers;
using Warta.Web.Accounts.Staff;
using Warta.Web.Data;

namespace Warta.Web.Accounts;

/// <summary>
/// The rules every kind of account shares — staff and readers: password, lockout, sign-in rate limit, cookie safety and the
/// key ring that signs the cookies. Each kind adds its own tables, cookie, managers and pages (Staff/, Readers/).
/// </summary>
public static class AccountRules
{
    /// <summary>Rate-limit policy of the staff sign-in, code and invite pages.</summary>
    public const string StaffSignInLimit = "login";
    /// <summary>Rate-limit policy of the reader sign-in and registration pages: the same rule, its own count, so readers cannot lock the newsroom out.</summary>
    public const string ReaderSignInLimit = "login:reader";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        // IdentityOptions is one set for the whole app, so both kinds get these rules.
        services.Configure<IdentityOptions>(Configure);
        services.AddIdentityCore<StaffUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<WartaDb>()
            .AddUserManager<StaffUserManager>()
            .AddSignInManager<StaffSignInManager>()
            .AddErrorDescriber<IndonesianIdentityErrors>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ClockedAuthenticatorTokenProvider<StaffUser>>(TokenOptions.DefaultAuthenticatorProvider);
        // No default token providers for readers: they are registered by name in the shared IdentityOptions, and a
        // second registration would replace the staff's (see ReaderAccess).
        services.AddIdentityCore<ReaderUser>()
            .AddUserStore<Microsoft.AspNetCore.Identity.EntityFrameworkCore.UserOnlyStore<ReaderUser, WartaDb, Guid>>()
            .AddUserManager<ReaderUserManager>()
            .AddSignInManager<ReaderSignInManager>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies(c => c.ApplicationCookie?.Configure(o =>
            {
                StaffAccess.ConfigureCookie(o);
                SafeCookie(o);
            }));
        services.AddAuthentication().AddCookie(ReaderAccess.Scheme, o =>
        {
            ReaderAccess.ConfigureCookie(o);
            SafeCookie(o);
        });
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiAuth.Scheme, null);
        services.AddAuthorization(o =>
        {
            ApiAuth.AddPolicies(o);
            StaffAccess.AddPolicies(o);
            ReaderAccess.AddPolicies(o);
        });
        services.AddStaffAccounts(configuration);
        services.AddReaderAccounts(configuration);

        services.Configure<RateLimiterOptions>(o =>
        {
            o.OnRejected = TooManyAttemptsAsync;
            o.AddPolicy(StaffSignInLimit, http => SignInPartition("staff", http));
            o.AddPolicy(ReaderSignInLimit, http => SignInPartition("reader", http));
        });

        AddKeyRing(services, configuration);
        return services;
    }

    static void Configure(IdentityOptions o)
    {
        o.Password.RequiredLength = 10;
        // Length makes a password strong; character-class rules only make people write them down.
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireDigit = false;
        o.Password.RequiredUniqueChars = 1;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.Lockout.AllowedForNewUsers = true;
        o.User.RequireUniqueEmail = true;
    }

    /// <summary>Script cannot read a sign-in cookie, another site's form cannot carry it, and over HTTPS it is sent only over HTTPS.</summary>
    static void SafeCookie(CookieAuthenticationOptions o)
    {
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        // Secure whenever the request came over HTTPS (directly, or as a configured proxy reports it).
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    }

    /// <summary>Sign-in attempts (and sign-in page loads) per minute from one address, counted apart for each kind of account.</summary>
    static RateLimitPartition<string> SignInPartition(string kind, HttpContext http) =>
        RateLimitPartition.GetFixedWindowLimiter(kind + ":ip:" + http.Connection.RemoteIpAddress,
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = http.RequestServices.GetRequiredService<StaffOptions>().LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            });

    /// <summary>A page refused by a rate limit says so in Indonesian, pointing back to its own sign-in; the API's refusals stay ProblemDetails (status-code pages).</summary>
    static ValueTask TooManyAttemptsAsync(OnRejectedContext context, CancellationToken cancellation) =>
        context.HttpContext.Request.Path.StartsWithSegments(ReaderAccess.Area)
            ? ReaderAccess.TooManyAttemptsAsync(context, cancellation)
            : StaffAccess.TooManyAttemptsAsync(context, cancellation);

    /// <summary>The refusal page of a rate limit, with when to try again; the API's refusals stay ProblemDetails (status-code pages).</summary>
    public static async ValueTask WriteRefusalAsync(OnRejectedContext context, string page, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        if (http.Request.Path.StartsWithSegments("/api")) return;
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.RetryAfter = "60";
        await http.Response.WriteAsync(page, cancellation);
    }

    /// <summary>A page that needs nothing to render (not the database, not Razor): it answers refusals made before any page runs.</summary>
    public static string MessagePage(string site, string title, string message, string href, string link) => $"""
        <!DOCTYPE html>
        <html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex"><title>{title} — {site}</title><link rel="stylesheet" href="{Shared.Assets.CssUrl}"></head>
        <body><main class="wrap"><h1>{title}</h1><p>{message}</p><p><a href="{href}">{link}</a></p></main></body></html>
        """;

    /// <summary>The key ring's folder, created when missing and, on Unix, readable and writable by this user only.</summary>
    internal static DirectoryInfo KeyFolder(string path)
    {
        if (OperatingSystem.IsWindows()) return Directory.CreateDirectory(path);
        var folder = Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        folder.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        return folder;
    }

    /// <summary>
    /// Sign-in cookies, antiforgery tokens and signed links are protected by one key ring: in Redis when there are several
    /// nodes (any node reads another's cookie), else in the data folder.
    /// </summary>
    static void AddKeyRing(IServiceCollection services, IConfiguration configuration)
    {
        var keys = services.AddDataProtection().SetApplicationName("warta");
        if (string.IsNullOrWhiteSpace(configuration["Warta:Redis"]))
        {
            keys.PersistKeysToFileSystem(KeyFolder(Path.Combine(new WartaPaths(configuration).Data, "keys")));
            // Without a certificate or DPAPI the key manager warns on every new key that it is stored unencrypted. The
            // folder is readable by this user only (KeyFolder), the same protection the database file has beside it.
            services.AddLogging(l => l.AddFilter(typeof(XmlKeyManager).FullName, LogLevel.Error));
            return;
        }
        // The host's one Redis connection (Composition registers it when Warta:Redis is set).
        var key = (configuration["Warta:RedisPrefix"] ?? "warta:") + "dataprotection";
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((o, redis) => o.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), key));
    }
}

/// <summary>
/// Lockout on the app's clock: Identity's own lockout reads <c>DateTimeOffset.UtcNow</c>, so lockouts are set and checked
/// here with <see cref="TimeProvider"/> (one clock for every rule, and a fake one in tests). Each kind's user manager derives from it.
/// </summary>
public abstract class ClockedUserManager<TUser>(IUserStore<TUser> store, IOptions<IdentityOptions> options, IPasswordHasher<TUser> hasher,
    IEnumerable<IUserValidator<TUser>> userValidators, IEnumerable<IPasswordValidator<TUser>> passwordValidators, ILookupNormalizer normalizer,
    IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<TUser>> logger, TimeProvider clock)
    : UserManager<TUser>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
    where TUser : class
{
    public override async Task<bool> IsLockedOutAsync(TUser user) =>
        SupportsUserLockout && await GetLockoutEnabledAsync(user) && await GetLockoutEndDateAsync(user) is { } end && end > clock.GetUtcNow();

    public override async Task<IdentityResult> AccessFailedAsync(TUser user)
    {
        var lockouts = (IUserLockoutStore<TUser>)Store;
        var count = await lockouts.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count >= Options.Lockout.MaxFailedAccessAttempts)
        {
            await lockouts.SetLockoutEndDateAsync(user, clock.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
            await lockouts.ResetAccessFailedCountAsync(user, CancellationToken);
        }
        return await UpdateUserAsync(user);
    }
}
