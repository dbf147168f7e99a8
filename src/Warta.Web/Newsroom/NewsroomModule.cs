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
        var admin = app.MapGroup("/api/admin").RequireAuthorization(ApiAuth.NewsroomPolicy).RequireRateLimiting("api").DisableAntiforgery();

        admin.MapPut("/channels/{slug}", PutChannel);
        admin.MapGet("/channels", async (WartaDb db) =>
            TypedResults.Ok(await db.Channels.AsNoTracking().OrderBy(c => c.Order).Select(c => new { c.Slug, c.Name, c.Order }).ToListAsync()));

        admin.MapPost("/articles", async (HttpRequest request, ArticleWriter writer) =>
        {
            var (input, error) = await JsonInput.ReadAsync<ArticleInput>(request);
            if (error is not null) return error;
            var result = await writer.SaveAsync(null, input!, Actor.From(request.HttpContext.User));
            return result.Saved is { } saved ? TypedResults.Created($"/api/admin/articles/{saved.Id}", saved) : Refused(result, null);
        });
        admin.MapGet("/articles/{id:guid}", async (Guid id, WartaDb db) =>
            await ArticleWriter.ReadAsync(db, id) is { } article
                ? Results.Json(new { id, article }, JsonInput.Options)
                : NotFound("article", id));
        admin.MapPut("/articles/{id:guid}", async (Guid id, HttpRequest request, ArticleWriter writer) =>
        {
            var (input, error) = await JsonInput.ReadAsync<ArticleInput>(request);
            if (error is not null) return error;
            var result = await writer.SaveAsync(id, input!, Actor.From(request.HttpContext.User));
            return result.Saved is { } saved ? TypedResults.Ok(saved) : Refused(result, id);
        });
        admin.MapDelete("/articles/{id:guid}", async (Guid id, HttpContext http, ArticleWriter writer) =>
        {
            int? version = int.TryParse(http.Request.Query["version"], out var v) ? v : null;
            var result = await writer.UnpublishAsync(id, Actor.From(http.User), version, http.Request.Query["reason"].ToString());
            return result.Saved is { } saved ? Results.Ok(saved) : Refused(result, id);
        });
        admin.MapGet("/articles/{id:guid}/revisions", async (Guid id, WartaDb db) =>
            await db.Articles.AnyAsync(a => a.Id == id)
                ? Results.Json(await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id).OrderBy(r => r.Id)
                    .Select(r => new { r.Id, r.Version, r.Kind, r.Status, r.AuthorName, r.CreatedAt, r.Title, r.Note }).ToListAsync(), JsonInput.Options)
                : NotFound("article", id));

        admin.MapPost("/media", PostMedia).WithMetadata(new UploadBodyAttribute());
    }

    /// <summary>Script calls under /redaksi/api get a 401 they can act on; pages get the usual redirect to the sign-in page.</summary>
    public static Task ChallengeStaffAsync(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context)
    {
        if (context.Request.Path.StartsWithSegments("/redaksi/api")) context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        else context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    static IResult NotFound(string what, object id) => TypedResults.Problem(statusCode: 404, title: $"No {what} '{id}'.");

    /// <summary>Why a save by the API changed nothing, as ProblemDetails.</summary>
    static IResult Refused(SaveResult result, Guid? id) => result.Refusal switch
    {
        SaveRefusal.NotFound => NotFound("article", id ?? Guid.Empty),
        SaveRefusal.Forbidden => TypedResults.Problem(statusCode: 403, title: "The workflow does not allow this.", extensions: Detail(result)),
        SaveRefusal.Conflict => TypedResults.Problem(statusCode: 409,
            title: "The article changed since this version was read; nothing was overwritten. The refused text is kept as a revision.",
            extensions: new Dictionary<string, object?> { ["currentVersion"] = result.CurrentVersion, ["refusedRevision"] = result.RefusedRevisionId }),
        _ => result.Errors.Result(),
    };

    static Dictionary<string, object?> Detail(SaveResult result) => new() { ["errors"] = result.Errors.ToString() };

    static async Task<IResult> PutChannel(string slug, HttpContext http, LabelEditor labels)
    {
        var (input, error) = await JsonInput.ReadAsync<ChannelInput>(http.Request);
        if (error is not null) return error;
        var (channel, created, errors) = await labels.SaveChannelAsync(http, slug, input!);
        if (channel is null) return errors.Result();
        var body = new { channel.Slug, channel.Name, channel.Order };
        return created ? TypedResults.Created($"/kanal/{channel.Slug}", body) : TypedResults.Ok(body);
    }

    static async Task<IResult> PostMedia(HttpRequest request, MediaLibrary library)
    {
        var errors = new Errors();
        if (!request.HasFormContentType)
        {
            errors.Add("file", "Send the image as multipart/form-data in the field 'file'.");
            return errors.Result();
        }
        var form = await request.ReadFormAsync();
        if (form.Files.Count != 1 || form.Files.GetFile("file") is not { } file)
        {
            errors.Add("file", "Send exactly one image in the field 'file'.");
            return errors.Result();
        }
        try
        {
            await using var stream = file.OpenReadStream();
            var media = await library.ImportAsync(stream, file.FileName, file.Length, form["caption"], form["credit"]);
            return TypedResults.Created(MediaUrls.UrlOf(media.Id), new { id = media.Id, url = MediaUrls.UrlOf(media.Id), media.Width, media.Height });
        }
        catch (MediaRejectedException e)
        {
            errors.Add("file", e.Message);
            return errors.Result("The file was refused; nothing was saved.");
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
