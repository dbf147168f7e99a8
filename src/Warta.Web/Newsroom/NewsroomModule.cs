using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts;
using Warta.Web.Content;

namespace Warta.Web.Newsroom;

public sealed class ChannelInput
{
    public string? Name { get; set; }
    public int? Order { get; set; }
}

public static class NewsroomModule
{
    public static IServiceCollection AddNewsroom(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ArticleWriter>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<LabelEditor>();
        services.AddScoped<MediaLibrary>();
        services.AddSingleton<DecodeGate>();
        services.AddSingleton<AutosaveLimiter>();
        services.AddSingleton(configuration.GetSection("Warta:Media").Get<MediaOptions>() ?? new MediaOptions());
        services.AddSingleton<ScheduledPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduledPublisher>());
        var wire = configuration.GetSection("Warta:Wire").Get<Wire.WireOptions>() ?? new Wire.WireOptions();
        wire.DropRoot ??= Path.Combine(new WartaPaths(configuration).Data, "wire");
        services.AddSingleton(wire);
        services.AddScoped<Wire.WireIngest>();
        services.AddHostedService<Wire.WireWorker>();
        return services;
    }

    public static void MapNewsroom(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization(ApiAuth.NewsroomPolicy).RequireRateLimiting("api").DisableAntiforgery()
            .WithTags("Newsroom");

        admin.MapPut("/channels/{slug}", PutChannel).WithName("PutChannel").ReadsJson<ChannelInput>();
        admin.MapGet("/channels", async (WartaDb db) =>
            TypedResults.Ok(await db.Channels.AsNoTracking().OrderBy(c => c.Order).Select(c => new ChannelBody(c.Slug, c.Name, c.Order)).ToListAsync()))
            .WithName("ListChannels");

        admin.MapPost("/articles", async Task<Results<Created<ArticleSaved>, ValidationProblem, ProblemHttpResult>> (
            HttpRequest request, ArticleWriter writer) =>
        {
            var (input, problem) = await JsonInput.ReadAsync<ArticleInput>(request);
            if (problem is not null) return problem;
            var result = await writer.SaveAsync(null, input!, Actor.From(request.HttpContext.User));
            return result.Saved is { } saved ? TypedResults.Created($"/api/admin/articles/{saved.Id}", saved) : Refused<Created<ArticleSaved>>(request, result, null);
        }).WithName("CreateArticle").ReadsJson<ArticleInput>().ProducesRefusals();
        admin.MapGet("/articles/{id:guid}", async Task<Results<Ok<ArticleBody>, ProblemHttpResult>> (Guid id, WartaDb db) =>
            await ArticleWriter.ReadAsync(db, id) is { } article ? TypedResults.Ok(new ArticleBody(id, article)) : NotFound("article", id))
            .WithName("GetArticle").ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPut("/articles/{id:guid}", async Task<Results<Ok<ArticleSaved>, ValidationProblem, ProblemHttpResult>> (
            Guid id, HttpRequest request, ArticleWriter writer) =>
        {
            var (input, problem) = await JsonInput.ReadAsync<ArticleInput>(request);
            if (problem is not null) return problem;
            var result = await writer.SaveAsync(id, input!, Actor.From(request.HttpContext.User));
            return result.Saved is { } saved ? TypedResults.Ok(saved) : Refused<Ok<ArticleSaved>>(request, result, id);
        }).WithName("SaveArticle").ReadsJson<ArticleInput>().ProducesRefusals();
        admin.MapDelete("/articles/{id:guid}", async Task<Results<Ok<ArticleSaved>, ValidationProblem, ProblemHttpResult>> (
            Guid id, int? version, string? reason, HttpContext http, ArticleWriter writer) =>
        {
            var result = await writer.UnpublishAsync(id, Actor.From(http.User), version, reason ?? "");
            return result.Saved is { } saved ? TypedResults.Ok(saved) : Refused<Ok<ArticleSaved>>(http.Request, result, id);
        }).WithName("UnpublishArticle").ProducesRefusals();
        admin.MapGet("/articles/{id:guid}/revisions", async Task<Results<Ok<List<RevisionSummary>>, ProblemHttpResult>> (Guid id, WartaDb db) =>
            await db.Articles.AnyAsync(a => a.Id == id)
                ? TypedResults.Ok(await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id).OrderBy(r => r.Id)
                    .Select(r => new RevisionSummary(r.Id, r.Version, r.Kind, r.Status, r.AuthorName, r.CreatedAt, r.Title, r.Note)).ToListAsync())
                : NotFound("article", id))
            .WithName("ListArticleRevisions").ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapPost("/media", PostMedia).WithMetadata(new UploadBodyAttribute()).WithName("UploadMedia");
    }

    /// <summary>The refusals of a save besides a validation problem: the workflow forbids it, no such story, or a stale version.</summary>
    static RouteHandlerBuilder ProducesRefusals(this RouteHandlerBuilder endpoint) => endpoint.ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    public sealed record ChannelBody(string Slug, string Name, int Order);
    public sealed record ArticleBody(Guid Id, ArticleInput Article);
    public sealed record RevisionSummary(long Id, int Version, RevisionKind Kind, ArticleStatus Status, string AuthorName, DateTimeOffset CreatedAt, string Title, string? Note);
    public sealed record MediaBody(Guid Id, string Url, int Width, int Height);

    /// <summary>Script calls under /redaksi/api get a 401 they can act on; pages get the usual redirect to the sign-in page.</summary>
    public static Task ChallengeStaffAsync(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context)
    {
        if (context.Request.Path.StartsWithSegments("/redaksi/api")) context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        else context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    // Problems are ProblemHttpResult, not NotFound<ProblemDetails> or Conflict<ProblemDetails>: those write application/json.
    static ProblemHttpResult NotFound(string what, object id) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No {what} '{id}'.");

    /// <summary>
    /// Why a save by the API changed nothing, as ProblemDetails. A move the workflow forbids names its fields the way a
    /// validation problem does (<c>errors</c> by field), only with 403.
    /// </summary>
    static Results<TSaved, ValidationProblem, ProblemHttpResult> Refused<TSaved>(
        HttpRequest request, SaveResult result, Guid? id) where TSaved : IResult =>
        result.Refusal switch
        {
            SaveRefusal.NotFound => NotFound("article", id ?? Guid.Empty),
            SaveRefusal.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The workflow does not allow this.",
                extensions: new Dictionary<string, object?> { ["errors"] = result.Errors.ByField(indonesian: false) }),
            SaveRefusal.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "The article changed since this version was read; nothing was overwritten. The refused text is kept as a revision.",
                extensions: new Dictionary<string, object?> { ["currentVersion"] = result.CurrentVersion, ["refusedRevision"] = result.RefusedRevisionId }),
            _ => result.Errors.Problem(request),
        };

    static async Task<Results<Created<ChannelBody>, Ok<ChannelBody>, ValidationProblem>> PutChannel(string slug, HttpContext http, LabelEditor labels)
    {
        var (input, problem) = await JsonInput.ReadAsync<ChannelInput>(http.Request);
        if (problem is not null) return problem;
        var (channel, created, errors) = await labels.SaveChannelAsync(http, slug, input!);
        if (channel is null) return errors.Problem(http.Request);
        var body = new ChannelBody(channel.Slug, channel.Name, channel.Order);
        return created ? TypedResults.Created(ChannelLinks.UrlOf(channel.Slug), body) : TypedResults.Ok(body);
    }

    static async Task<Results<Created<MediaBody>, ValidationProblem>> PostMedia(HttpRequest request, MediaLibrary library)
    {
        var errors = new Errors();
        if (!request.HasFormContentType)
        {
            errors.Add("file", "Send the image as multipart/form-data in the field 'file'.");
            return errors.Problem(request);
        }
        var form = await request.ReadFormAsync();
        if (form.Files.Count != 1 || form.Files.GetFile("file") is not { } file)
        {
            errors.Add("file", "Send exactly one image in the field 'file'.");
            return errors.Problem(request);
        }
        try
        {
            await using var stream = file.OpenReadStream();
            var media = await library.ImportAsync(stream, file.FileName, file.Length, form["caption"], form["credit"]);
            return TypedResults.Created(MediaUrls.UrlOf(media.Id), new MediaBody(media.Id, MediaUrls.UrlOf(media.Id), media.Width, media.Height));
        }
        catch (MediaRejectedException e)
        {
            errors.Add("file", e.Message);
            return errors.Problem(request, "The file was refused; nothing was saved.");
        }
    }
}

/// <summary>Publishes scheduled stories whose time has come, every few seconds and once at start (so a story due while the server was down goes out then).</summary>
public sealed class ScheduledPublisher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ScheduledPublisher> logger) : BackgroundService
{
    readonly TaskCompletionSource<int> _firstRound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes (with the number published) when the round run at start has finished: what was due while the server was down is out.</summary>
    public Task<int> FirstRound => _firstRound.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5), clock);
        do
        {
            var published = 0;
            try
            {
                using var scope = scopes.CreateScope();
                published = await scope.ServiceProvider.GetRequiredService<ArticleWriter>().PublishDueAsync(clock.GetUtcNow());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Scheduled stories could not be published this round");
            }
            _firstRound.TrySetResult(published);
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
