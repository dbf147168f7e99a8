using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts;

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
        app.MapPost("/api/admin/courses", PostCourse).RequireAuthorization(ApiAuth.NewsroomPolicy).RequireRateLimiting("api").WithTags("Academy").WithName("CreateCourse").ReadsJson<CourseInput>();
    }

    public sealed record CourseCreated(Guid Id, string Slug, string Url);

    public static async Task<Results<Created<CourseCreated>, ValidationProblem>> PostCourse(HttpContext http, WartaDb db, TimeProvider clock, PageCache pages)
    {
        var (input, problem) = await JsonInput.ReadAsync<CourseInput>(http.Request);
        if (problem is not null) return problem;
        var (course, errors) = await CreateAsync(db, input!, Audited(db, clock, http, AuditActions.CourseCreate));
        if (course is null) return errors.Problem(http.Request);
        await pages.EvictAsync(CacheTags.Lists);
        return TypedResults.Created($"/akademi/{course.Slug}", new CourseCreated(course.Id, course.Slug, $"/akademi/{course.Slug}"));
    }

    /// <summary>Records a course change by this request's actor, in the same save as the change.</summary>
    public static Action<Course> Audited(WartaDb db, TimeProvider clock, HttpContext http, string action) =>
        course => AuditLog.Add(db, clock, http, action, course.Slug, $"{course.Title}, {Indonesian.DateTime(course.StartsAt)}, Rp {course.Price:0}, {course.Seats} kursi");

    /// <summary>Creates a course; <paramref name="beforeSave"/> adds what must be saved with it (its audit entry).</summary>
    public static async Task<(Course? Course, Errors Errors)> CreateAsync(WartaDb db, CourseInput input, Action<Course>? beforeSave = null)
    {
        var (title, hashtags, errors) = Validate(input);
        if (errors.Any) return (null, errors);
        var slug = await Slug.UniqueAsync(title!, "kelas", candidate => db.Courses.AnyAsync(c => c.Slug == candidate));
        var course = new Course { Id = Guid.CreateVersion7(), Title = title!, Slug = slug };
        Apply(course, title!, hashtags, input);
        db.Courses.Add(course);
        beforeSave?.Invoke(course);
        await db.SaveChangesAsync();
        return (course, errors);
    }

    /// <summary>Replaces a course's details; its slug (its address) stays.</summary>
    public static async Task<(Course? Course, Errors Errors)> UpdateAsync(WartaDb db, Guid id, CourseInput input, Action<Course>? beforeSave = null)
    {
        var (title, hashtags, errors) = Validate(input);
        var course = await db.Courses.SingleOrDefaultAsync(c => c.Id == id);
        if (course is null) errors.Add("id", "No such course.", "Kelas tidak ditemukan.");
        if (errors.Any) return (null, errors);
        Apply(course!, title!, hashtags, input);
        beforeSave?.Invoke(course!);
        await db.SaveChangesAsync();
        return (course, errors);
    }

    static (string? Title, List<string> Hashtags, Errors Errors) Validate(CourseInput input)
    {
        var errors = new Errors();
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title)) errors.Add("title", "Title is required.", "Judul wajib diisi.");
        else if (title.Length > 200) errors.Add("title", "Title is at most 200 characters.", "Judul paling banyak 200 karakter.");
        if (input.StartsAt is null) errors.Add("startsAt", "startsAt is required.", "Waktu mulai wajib diisi.");
        if (input.EndsAt is null) errors.Add("endsAt", "endsAt is required.", "Waktu selesai wajib diisi.");
        else if (input.StartsAt is { } s && input.EndsAt <= s) errors.Add("endsAt", "endsAt must be after startsAt.", "Waktu selesai harus setelah waktu mulai.");
        if (input.Price is null) errors.Add("price", "Price is required (rupiah; 0 for free).", "Harga wajib diisi (rupiah; 0 bila gratis).");
        else if (input.Price < 0 || input.Price > 1_000_000_000) errors.Add("price", "Price is between 0 and 1,000,000,000 rupiah.", "Harga antara Rp 0 dan Rp 1.000.000.000.");
        if (input.Seats is null or < 1 or > 100_000) errors.Add("seats", "Seats is a number from 1 to 100,000.", "Jumlah kursi antara 1 dan 100.000.");
        var hashtags = (input.Hashtags ?? []).Select(h => h.Trim().TrimStart('#')).Where(h => h.Length > 0).Distinct().ToList();
        if (hashtags.Count > 10 || hashtags.Any(h => h.Length > 60 || !h.All(char.IsLetterOrDigit)))
            errors.Add("hashtags", "At most 10 hashtags of letters and digits, e.g. BisnisJangkaPanjang.", "Paling banyak 10 tagar dari huruf dan angka, mis. BisnisJangkaPanjang.");
        if (input.Summary is { Length: > 1000 }) errors.Add("summary", "Summary is at most 1000 characters.", "Ringkasan paling banyak 1000 karakter.");
        return (title, hashtags, errors);
    }

    static void Apply(Course course, string title, List<string> hashtags, CourseInput input)
    {
        course.Title = title;
        course.StartsAt = input.StartsAt!.Value.ToUniversalTime();
        course.EndsAt = input.EndsAt!.Value.ToUniversalTime();
        course.Price = input.Price!.Value;
        course.Seats = input.Seats!.Value;
        course.Hashtags = hashtags;
        course.Summary = string.IsNullOrWhiteSpace(input.Summary) ? null : input.Summary.Trim();
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
