using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Warta.Web.Accounts;

namespace Warta.Web.Discovery.Api;

/// <summary>
/// The public content API under <c>/api/content</c>: read-only JSON of published stories (their public text only), labels and
/// instruments, for partners and apps. No key is needed; a key, when sent, only gives its holder a rate limit of its own.
/// </summary>
public static class ContentApiModule
{
    public const string CorsPolicy = "content-api";
    public const string RateLimit = "content-api";
    /// <summary>Reads an API key when one is sent (for the rate limit's partition) and never refuses: the API is public.</summary>
    public const string ClientPolicy = "content-api-client";

    public static IServiceCollection AddContentApi(this IServiceCollection services, IConfiguration configuration)
    {
        var options = (configuration.GetSection("Warta:ContentApi").Get<ContentApiOptions>() ?? new ContentApiOptions()).Validated();
        services.AddSingleton(options);
        services.AddScoped<ContentReads>();
        services.AddCors(o => o.AddPolicy(CorsPolicy, p => p.WithOrigins(options.CorsOrigins).WithMethods(HttpMethods.Get, HttpMethods.Head)
            .WithHeaders("Authorization", "If-None-Match").WithExposedHeaders("ETag", "Retry-After").SetPreflightMaxAge(TimeSpan.FromHours(1))));
        services.AddAuthorizationBuilder().AddPolicy(ClientPolicy, p => p.AddAuthenticationSchemes(ApiAuth.Scheme).RequireAssertion(_ => true));
        services.Configure<RateLimiterOptions>(o => o.AddPolicy<string, ContentApiRateLimit>(RateLimit));
        services.AddContentApiDocument();
        return services;
    }

    public static void MapContentApi(this IEndpointRouteBuilder app)
    {
        RouteHandlerBuilder Get(string route, Delegate handler, string name, string summary, string description) =>
            app.MapRead(route, handler).WithGroupName(ContentApiDocument.Name).WithTags("Content").WithName(name).WithSummary(summary).WithDescription(description)
                .Produces(StatusCodes.Status304NotModified).RequireCors(CorsPolicy).RequireAuthorization(ClientPolicy).RequireRateLimiting(RateLimit);

        Get(ContentApiRoutes.Articles, ListArticles, "ContentArticles", "Published stories, newest first",
            "Pages with a cursor: pass each page's nextCursor to get the next. The order is publication time, then id, descending, and a cursor " +
            "names the last story seen, so stories published while you page never repeat one or make you miss one. A premium story's body is its free part only.");
        Get(ContentApiRoutes.Article, GetArticle, "ContentArticle", "One published story by its slug",
            "Every field. A premium story's body is its free part only (bodyComplete false), whoever asks.").ProducesProblem(StatusCodes.Status404NotFound);
        Get(ContentApiRoutes.Channels, async (ContentReads reads, CancellationToken ct) => new ContentJson<List<ChannelItem>>(await reads.ChannelsAsync(ct)),
            "ContentChannels", "The channels", "In the site's navigation order.");
        Get(ContentApiRoutes.Tags, ([AsParameters] LabelQuery query, HttpRequest request, ContentReads reads) =>
                ListLabelsAsync(query, request, reads.TagsAsync, (items, next) => new TagList(items, next)), "ContentTags", "The tags",
            "By slug, a page at a time: pass each page's nextCursor to get the next. A cursor names the last slug seen, so tags added while you page never repeat one or make you miss one.");
        Get(ContentApiRoutes.Authors, ([AsParameters] LabelQuery query, HttpRequest request, ContentReads reads) =>
                ListLabelsAsync(query, request, reads.AuthorsAsync, (items, next) => new AuthorList(items, next)), "ContentAuthors", "Reporters, editors and columnists",
            "By slug, a page at a time: pass each page's nextCursor to get the next. A cursor names the last slug seen, so authors added while you page never repeat one or make you miss one.");
        Get(ContentApiRoutes.Instruments, async (ContentReads reads, CancellationToken ct) => new ContentJson<List<InstrumentItem>>(await reads.InstrumentsAsync(ct)),
            "ContentInstruments", "Market instruments with their latest quotes", "In the INDIKATOR ticker's order; latest is null until an instrument has a quote.");
        ContentApiDocument.MapContentApiDocument(app);
    }

    static readonly string[] QueryNames = typeof(ArticleQuery).GetProperties()
        .Select(p => p.GetCustomAttributes(typeof(Microsoft.AspNetCore.Mvc.FromQueryAttribute), false).Cast<Microsoft.AspNetCore.Mvc.FromQueryAttribute>().Single().Name!).ToArray();

    /// <summary>A misspelt parameter (?chanel=) would otherwise quietly answer something else than was asked.</summary>
    static void RefuseUnknown(HttpRequest request, string[] names, Shared.Errors errors)
    {
        foreach (var unknown in request.Query.Keys.Where(k => !names.Contains(k, StringComparer.Ordinal)))
            errors.Add(unknown, $"Unknown parameter '{unknown}'. The parameters are: {string.Join(", ", names)}.",
                $"Parameter '{unknown}' tidak dikenal. Pilihan: {string.Join(", ", names)}.");
    }

    /// <summary>A page of tags or authors in slug order.</summary>
    static async Task<Results<ContentJson<TList>, ValidationProblem>> ListLabelsAsync<TItem, TList>(LabelQuery query, HttpRequest request,
        Func<LabelPage, CancellationToken, Task<(List<TItem> Items, SlugCursor? Next)>> read, Func<List<TItem>, string?, TList> list) where TList : notnull
    {
        var (page, errors) = query.Read();
        RefuseUnknown(request, LabelQuery.Names, errors);
        if (page is null || errors.Any) return errors.Problem(request, "The query has errors.");
        var (items, next) = await read(page, request.HttpContext.RequestAborted);
        return new ContentJson<TList>(list(items, next?.ToString()));
    }

    static async Task<Results<ContentJson<ArticleList>, ValidationProblem>> ListArticles([AsParameters] ArticleQuery query, HttpRequest request,
        ContentReads reads, IOptions<JsonOptions> json)
    {
        var (filter, errors) = query.Read();
        RefuseUnknown(request, QueryNames, errors);
        if (filter is null || errors.Any) return errors.Problem(request, "The query has errors.");
        var (items, next) = await reads.ArticlesAsync(filter, request.HttpContext.RequestAborted);
        return new ContentJson<ArticleList>(new
        {
            items = items.Select(i => ArticleFields.Select(i, filter.Fields, json.Value.SerializerOptions)).ToList(),
            nextCursor = next?.ToString(),
        });
    }

    static async Task<Results<ContentJson<ArticleItem>, ProblemHttpResult>> GetArticle(string slug, ContentReads reads, CancellationToken ct) =>
        await reads.ArticleAsync(slug, ct) is { } article
            ? new ContentJson<ArticleItem>(article)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No published story '{(slug.Length > 80 ? slug[..80] + "…" : slug)}'.");
}

/// <summary>
/// A bucket per client, refilled each minute: per API key when a valid one is sent (the authorization step read it), else per
/// IP address as the configured proxies report it. A refusal says when to come back.
/// </summary>
sealed class ContentApiRateLimit(ContentApiOptions options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests,
            title: $"Too many requests: at most {options.RequestsPerMinute} a minute per client. Try again in {seconds} seconds.").ExecuteAsync(http);
    };

    public RateLimitPartition<string> GetPartition(HttpContext http)
    {
        var client = http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && id.StartsWith("apikey:", StringComparison.Ordinal)
            ? id : "ip:" + http.Connection.RemoteIpAddress;
        return RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.RequestsPerMinute, TokensPerPeriod = options.RequestsPerMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1), QueueLimit = 0,
        });
    }
}
