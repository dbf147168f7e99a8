using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Warta.Web.Data;
using Warta.Web.Newsroom;
using Warta.Web.Shared;

namespace Warta.Web.Academy;

public sealed class CourseInput
{
    public string? Title { get; set; }
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    public decimal? Price { get; set; }
    public int? Seats { get; set; }
    public List<string>? Hashtags { get; set; }
    public string? Summary { get; set; }
}

public sealed record CourseCard(string Title, string Slug, DateTimeOffset StartsAt, DateTimeOffset EndsAt, decimal Price, int Seats, IReadOnlyList<string> Hashtags, string? Summary);

public static class AcademyModule
{
    public static IServiceCollection AddAcademy(this IServiceCollection services)
    {
        services.AddSingleton<CourseList>();
        return services;
    }

    public static void MapAcademy(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/courses", PostCourse).RequireAuthorization(ApiAuth.NewsroomPolicy).RequireRateLimiting("api");
    }

    public static async Task<IResult> PostCourse(HttpRequest request, WartaDb db, PageCache pages)
    {
        var (input, error) = await JsonInput.ReadAsync<CourseInput>(request);
        if (error is not null) return error;
        var (course, errors) = await CreateAsync(db, input!);
        if (course is null) return errors.Result();
        await pages.EvictAsync(CacheTags.Lists);
        return TypedResults.Created($"/akademi/{course.Slug}", new { id = course.Id, course.Slug, url = $"/akademi/{course.Slug}" });
    }

    public static async Task<(Course? Course, Errors Errors)> CreateAsync(WartaDb db, CourseInput input)
    {
        var errors = new Errors();
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title)) errors.Add("title", "Title is required.");
        else if (title.Length > 200) errors.Add("title", "Title is at most 200 characters.");
        if (input.StartsAt is null) errors.Add("startsAt", "startsAt is required.");
        if (input.EndsAt is null) errors.Add("endsAt", "endsAt is required.");
        else if (input.StartsAt is { } s && input.EndsAt <= s) errors.Add("endsAt", "endsAt must be after startsAt.");
        if (input.Price is null) errors.Add("price", "Price is required (rupiah; 0 for free).");
        else if (input.Price < 0 || input.Price > 1_000_000_000) errors.Add("price", "Price is between 0 and 1,000,000,000 rupiah.");
        if (input.Seats is null or < 1 or > 100_000) errors.Add("seats", "Seats is a number from 1 to 100,000.");
        var hashtags = (input.Hashtags ?? []).Select(h => h.Trim().TrimStart('#')).Where(h => h.Length > 0).Distinct().ToList();
        if (hashtags.Count > 10 || hashtags.Any(h => h.Length > 60 || !h.All(char.IsLetterOrDigit)))
            errors.Add("hashtags", "At most 10 hashtags of letters and digits, e.g. BisnisJangkaPanjang.");
        if (input.Summary is { Length: > 1000 }) errors.Add("summary", "Summary is at most 1000 characters.");
        if (errors.Any) return (null, errors);

        var slug = await Slug.UniqueAsync(title!, "kelas", candidate => db.Courses.AnyAsync(c => c.Slug == candidate));
        var course = new Course
        {
            Id = Guid.CreateVersion7(), Title = title!, Slug = slug, StartsAt = input.StartsAt!.Value.ToUniversalTime(),
            EndsAt = input.EndsAt!.Value.ToUniversalTime(), Price = input.Price!.Value, Seats = input.Seats!.Value, Hashtags = hashtags,
            Summary = string.IsNullOrWhiteSpace(input.Summary) ? null : input.Summary.Trim(),
        };
        db.Courses.Add(course);
        await db.SaveChangesAsync();
        return (course, errors);
    }
}

/// <summary>Upcoming courses for the Academy block, read once a minute or right after a change.</summary>
public sealed class CourseList(IServiceScopeFactory scopes, IMemoryCache cache, TimeProvider clock, ContentVersion version)
{
    const string Key = "courses:upcoming";

    public async Task<IReadOnlyList<CourseCard>> UpcomingAsync(int count = 3)
    {
        var all = await cache.GetOrCreateAsync($"{Key}:{version.Current}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(60);
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WartaDb>();
            var now = clock.GetUtcNow();
            return await db.Courses.AsNoTracking().Where(c => c.EndsAt > now).OrderBy(c => c.StartsAt).Take(12)
                .Select(c => new CourseCard(c.Title, c.Slug, c.StartsAt, c.EndsAt, c.Price, c.Seats, c.Hashtags, c.Summary)).ToListAsync();
        }) ?? [];
        var at = clock.GetUtcNow();
        return all.Where(c => c.EndsAt > at).Take(count).ToList();
    }
}
