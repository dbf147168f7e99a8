using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;
using Warta.Web.Academy;
using Warta.Web.Commerce;
using Warta.Web.Data;
using Warta.Web.Markets;
using Warta.Web.Members;
using Warta.Web.Newsroom;
using Warta.Web.Accounts;
using Warta.Web.Accounts.Staff;
using Warta.Web.Content;
using Warta.Web.Content.Paywall;
using Warta.Web.Demo;
using Warta.Web.Discovery.Api;
using Warta.Web.Discovery.Feeds;
using Warta.Web.Discovery.Search;
using Warta.Web.Discovery.Sitemaps;
using Warta.Web.Promos;
using Warta.Web.Reader;
using Warta.Web.Shared;

namespace Warta.Web;

/// <summary>Composition only: which features the host has and in which order requests pass through.</summary>
public static class Composition
{
    public static void AddWarta(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        // Nothing tells a visitor which server software answers.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        services.AddSingleton(TimeProvider.System);
        services.Configure<ForwardedHeadersOptions>(o => Proxies.Configure(o, configuration));
        // 4 MB covers a 1 MB story sent as a form (escaped) or JSON; an upload may carry the largest image plus its fields.
        services.AddSingleton(sp => new RequestBodyLimits(DefaultBytes: 4 * 1024 * 1024, UploadBytes: sp.GetRequiredService<MediaOptions>().MaxBytes + 1024 * 1024));
        services.AddSingleton(SiteOptions.From(configuration));
        var cacheOptions = (configuration.GetSection("Warta:Cache").Get<CacheOptions>() ?? new CacheOptions()).Validated();
        services.AddSingleton(cacheOptions);
        services.AddMemoryCache();
        // Indonesian text and the ticker's arrows go out as characters, not as numeric entities.
        services.AddWebEncoders(o => o.TextEncoderSettings = SiteEncoding.Settings());
        services.AddProblemDetails();
        services.AddWartaDatabase(configuration);
        // Staff and reader sign-in, the rules they share (password, lockout, sign-in rate limit) and the key ring.
        services.AddAccounts(configuration);
        services.AddHostedService<DatabaseInitializer>();
        services.AddSafeFetch(configuration);
        services.AddMail(configuration);

        // The editor's script gets a status it can act on, not a redirect to the sign-in page.
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme,
            o => o.Events.OnRedirectToLogin = NewsroomModule.ChallengeStaffAsync);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "warta_af";
            // Secure whenever the request came over HTTPS (directly, or as a configured proxy reports it).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        var redis = configuration["Warta:Redis"];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            // Several nodes: one output cache (tag eviction reaches every node) and one key ring (Accounts keeps it there).
            var prefix = configuration["Warta:RedisPrefix"] ?? "warta:";
            services.AddStackExchangeRedisOutputCache(o => { o.Configuration = redis; o.InstanceName = prefix; });
            var multiplexer = ConnectionMultiplexer.Connect(redis);
            services.AddSingleton<IConnectionMultiplexer>(multiplexer);
        }
        // Anonymous readers only, unless a feature (members) registers a resolver that knows signed-in readers.
        services.TryAddSingleton<IAudienceResolver, CookieAudienceResolver>();
        services.AddSingleton<ReaderPagePolicy>();
        services.AddOutputCache(o => o.SizeLimit = 256L * 1024 * 1024);
        services.AddOptions<OutputCacheOptions>().Configure<ReaderPagePolicy>((o, policy) => o.AddBasePolicy(policy));
        services.AddPageCopies();
        services.AddWartaCompression();
        services.AddCachedReads();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy("api", http => RateLimitPartition.GetTokenBucketLimiter(
                http.Request.Headers.Authorization.ToString() is { Length: > 0 } key ? "k:" + ApiAuth.Hash(key) : "ip:" + http.Connection.RemoteIpAddress,
                _ => new TokenBucketRateLimiterOptions { TokenLimit = 200, TokensPerPeriod = 100, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0 }));
            // Autosaves, picker searches and uploads: generous for one person typing, a wall for a script.
            o.AddPolicy("editor", http => RateLimitPartition.GetTokenBucketLimiter("u:" + (http.User.Identity?.Name ?? http.Connection.RemoteIpAddress?.ToString()),
                _ => new TokenBucketRateLimiterOptions { TokenLimit = 120, TokensPerPeriod = 2, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0 }));
        });

        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/";
            // Every staff page is one by deriving from StaffPage; the page itself may narrow the roles it admits.
            o.Conventions.Add(new StaffPageConvention());
            o.Conventions.AddReaderRoutes();
        });
        services.Replace(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Mvc.Infrastructure.IHttpResponseStreamWriterFactory, PageWriterFactory>());
        services.ConfigureHttpJsonOptions(o =>
        {
            foreach (var converter in JsonInput.Options.Converters) o.SerializerOptions.Converters.Add(converter);
        });

        services.AddSingleton<StaffHtml>();
        services.AddSingleton<ViewCounter>();
        services.AddHostedService<ViewFlushService>();
        services.AddPromos();
        services.AddSingleton<StoryQueries>();
        services.AddSingleton<KeptBlock, ChannelNavBlock>();
        services.AddSingleton<KeptBlock, LatestAndPopularBlock>();
        services.AddSingleton<ArticleSnapshots>();
        services.AddSingleton<IRelatedStories, PoolRelatedStories>();
        services.AddPaywall(configuration);
        services.AddNewsroom(configuration);
        services.AddMarkets(configuration);
        services.AddCommerce(configuration);
        services.AddMembers();
        services.AddAcademy();
        services.AddFeeds();
        services.AddSitemaps();
        services.AddSearch(configuration);
        services.AddApiDocument();
        services.AddContentApi(configuration);
        services.AddScoped<DemoSeeder>();
        services.AddHealthChecks();
    }

    public static void UseWarta(this WebApplication app)
    {
        // First, so every response has them, including the error page and refusals made before any page runs.
        app.UseSecurityHeaders();
        // Only a configured proxy may say who the client is and whether it came over HTTPS (Warta:Proxy:KnownNetworks).
        app.UseForwardedHeaders();
        // A page the output cache already stored is answered from this node's copy (Shared/PageCopies.cs) before anything
        // else runs: no error handling, no routing. Cached reader pages are served before authentication: the cache policy
        // bypasses itself for anyone carrying a staff cookie or one its audience resolver cannot place, so a cached page never
        // meets a reader it was not made for. The copy is keyed by the single encoding the request will get, and an article
        // read is counted whether a copy or a render answered it. Whatever fails on the way to a copy sends the request on
        // to the handlers below; what fails after the response started cannot be shown a page anyway.
        app.UseViewCounting();
        app.UseAcceptEncodingNormalisation();
        app.UsePageCopies();
        // JSON callers get ProblemDetails; readers get a friendly page that needs nothing (not even the database)
        // to render. Neither ever sees a stack trace. A request that broke while its body was read (too large, a
        // malformed form or multipart body) gets the 4xx it earned; a busy server says when to try again.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = RequestLimits.StatusFor,
            ExceptionHandler = async http =>
            {
                var status = http.Response.StatusCode;
                var error = RequestLimits.Error(http);
                if (error is TryAgainLaterException busy) http.Response.Headers.RetryAfter = busy.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (status == StatusCodes.Status500InternalServerError && !http.Request.Path.StartsWithSegments("/api"))
                    await Results.Content(ErrorPages.ServerError, "text/html; charset=utf-8", statusCode: 500).ExecuteAsync(http);
                else
                    await Results.Problem(statusCode: status, title: status switch
                    {
                        StatusCodes.Status500InternalServerError => "Something went wrong on our side; nothing was saved.",
                        StatusCodes.Status503ServiceUnavailable => error?.Message,
                        _ => null,
                    }).ExecuteAsync(http);
            },
        });
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                await Results.Problem(statusCode: http.Response.StatusCode).ExecuteAsync(http);
                return;
            }
            if (http.Response.StatusCode == 404 && HttpMethods.IsGet(http.Request.Method))
            {
                // Re-execute the friendly page in place, keeping the 404 status.
                var originalPath = http.Request.Path;
                http.Request.Path = "/galat/404";
                try
                {
                    http.SetEndpoint(null);
                    http.Request.RouteValues.Clear();
                    await context.Next(http);
                }
                finally
                {
                    http.Request.Path = originalPath;
                }
            }
        });
        // Routing comes before the cache because the cache decides from the endpoint's own metadata (CachedPage), not
        // from path prefixes: a page that declares no cache rule is never cached. Matching a route reads no database.
        app.UseRouting();
        // After routing, so each endpoint's own CORS rule applies (the content API's configured origins); preflights end here.
        app.UseCors();
        app.UseOutputCache();
        // Inside the cache: a cached page is stored compressed (one variant per encoding) and served without compressing again.
        app.UseResponseCompression();
        app.UseRequestBodyLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAdminTwoFactorRequirement();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapAssets();
        app.MapHealthChecks("/healthz");
        if (app.Configuration.GetValue<bool>("Warta:Diagnostics:FailureProbe"))
        {
            // Off unless configured: lets tests and operators check what a reader sees when a page fails.
            app.MapGet("/galat/uji", string () => throw new InvalidOperationException("failure probe: internal detail"));
            app.MapGet("/api/galat/uji", string () => throw new InvalidOperationException("failure probe: internal detail")).ExcludeFromDescription();
        }
        app.MapRazorPages();
        app.MapPromos();
        MediaLibrary.MapMediaFiles(app);
        app.MapNewsroom();
        app.MapEditorApi();
        app.MapMarkets();
        app.MapAcademy();
        app.MapCommerce();
        app.MapFeeds();
        app.MapSitemaps();
        app.MapApiDocument();
        app.MapContentApi();
    }
}
