using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts.Staff;
using Warta.Web.Content;

namespace Warta.Web.Newsroom;

/// <summary>
/// The JSON endpoints the editor's script calls: photo search and upload for the picker, and the Baca Juga search.
/// Staff cookie only, and every call (reads too) carries the antiforgery token, so another site cannot drive them.
/// </summary>
public static class EditorApi
{
    public static void MapEditorApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/redaksi/api").RequireAuthorization(StaffAccess.StaffPolicy).RequireRateLimiting("editor")
            .AddEndpointFilter(async (context, next) =>
            {
                var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
                try
                {
                    // Validated for reads as well: IsRequestValidAsync would let GET through unchecked.
                    await antiforgery.ValidateRequestAsync(context.HttpContext);
                }
                catch (AntiforgeryValidationException)
                {
                    return TypedResults.Problem(statusCode: 400, title: "Token antiforgery tidak ada atau tidak sah; muat ulang halaman.");
                }
                return await next(context);
            });

        api.MapGet("/media", async (string? q, int? halaman, WartaDb db) =>
        {
            var page = Math.Clamp(halaman ?? 1, 1, 1000);
            var items = await MediaSearch(db, q).Skip((page - 1) * 24).Take(24)
                .Select(m => new { id = m.Id, m.Caption, m.Credit, m.Alt, m.Width, m.Height }).ToListAsync();
            return TypedResults.Ok(items.Select(m => Picked(m.id, m.Caption, m.Credit, m.Alt, m.Width, m.Height)).ToList());
        });
        api.MapPost("/media", UploadAsync).DisableAntiforgery().WithMetadata(new UploadBodyAttribute());
        api.MapGet("/berita", async (string? q, WartaDb db, TimeProvider clock) =>
        {
            var term = (q ?? "").Trim();
            if (term.Length < 2) return TypedResults.Ok(new List<FoundStory>());
            var now = clock.GetUtcNow();
            var pattern = ContainsPattern(term);
            var found = await Warta.Web.Content.StoryQueries.Visible(db, now).Where(a => EF.Functions.Like(a.Title.ToLower(), pattern, "\\"))
                .OrderByDescending(a => a.PublishedAt).Take(10).Select(a => new { a.Id, a.Title, a.Slug, a.PublishedAt }).ToListAsync();
            return TypedResults.Ok(found.Select(a => new FoundStory(a.Id, a.Title, StoryLinks.UrlOf(a.Slug), Indonesian.DateTime(a.PublishedAt!.Value))).ToList());
        });
    }

    /// <summary>A LIKE pattern (escape character <c>\\</c>) matching text that contains <paramref name="term"/>, lower-cased.</summary>
    public static string ContainsPattern(string term) =>
        "%" + term.ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";

    /// <summary>The library newest first, narrowed to captions or alternative texts containing <paramref name="q"/> (case-insensitive).</summary>
    public static IQueryable<Media> MediaSearch(WartaDb db, string? q)
    {
        var media = db.Media.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = ContainsPattern(q.Trim());
            media = media.Where(m => (m.Caption != null && EF.Functions.Like(m.Caption.ToLower(), pattern, "\\"))
                                     || (m.Alt != null && EF.Functions.Like(m.Alt.ToLower(), pattern, "\\")));
        }
        return media.OrderByDescending(m => m.CreatedAt);
    }

    public sealed record PickedMedia(Guid Id, string Thumb, string Url, string? Caption, string? Credit, string? Alt, int Width, int Height);
    public sealed record FoundStory(Guid Id, string Title, string Url, string PublishedAt);

    static async Task<Results<Created<PickedMedia>, ValidationProblem>> UploadAsync(HttpRequest request, MediaLibrary library)
    {
        var errors = new Errors();
        if (!request.HasFormContentType)
        {
            errors.Add("file", "Kirim foto sebagai multipart/form-data di field 'file'.");
            return errors.Problem(request, "Foto ditolak; tidak ada yang disimpan.");
        }
        var form = await request.ReadFormAsync();
        if (form.Files.GetFile("file") is not { } file)
        {
            errors.Add("file", "Pilih satu berkas foto.");
            return errors.Problem(request, "Foto ditolak; tidak ada yang disimpan.");
        }
        try
        {
            await using var stream = file.OpenReadStream();
            var media = await library.ImportAsync(stream, file.FileName, file.Length, Limit(form["caption"], 500), Limit(form["credit"], 200), Limit(form["alt"], 500));
            return TypedResults.Created(MediaUrls.UrlOf(media.Id), Picked(media.Id, media.Caption, media.Credit, media.Alt, media.Width, media.Height));
        }
        catch (MediaRejectedException e)
        {
            errors.Add("file", e.Message);
            return errors.Problem(request, "Foto ditolak; tidak ada yang disimpan.");
        }
    }

    static PickedMedia Picked(Guid id, string? caption, string? credit, string? alt, int width, int height) =>
        new(id, MediaUrls.UrlOf(id, "w320"), MediaUrls.UrlOf(id, "w640"), caption, credit, alt, width, height);

    public static string? Limit(string? value, int max) => string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var t && t.Length > max ? t[..max] : value.Trim();
}
