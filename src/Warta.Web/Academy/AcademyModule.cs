using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
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
        services.AddScoped<CourseWriter>();
        return services;
    }

    public static void MapAcademy(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/courses", PostCourse).RequireAuthorization(ApiAuth.NewsroomPolicy).RequireRateLimiting("api").WithTags("Academy").WithName("CreateCourse").ReadsJson<CourseInput>();
    }

    public sealed record CourseCreated(Guid Id, string Slug, string Url);

    public static async Task<Results<Created<CourseCreated>, ValidationProblem>> PostCourse(HttpContext http, CourseWriter courses)
    {
        var (input, problem) = await JsonInput.ReadAsync<CourseInput>(http.Request);
        if (problem is not null) return problem;
        var (course, errors) = await courses.CreateAsync(input!, http);
        if (course is null) return errors.Problem(http.Request);
        return TypedResults.Created(AcademyRoutes.CourseUrlOf(course.Slug), new CourseCreated(course.Id, course.Slug, AcademyRoutes.CourseUrlOf(course.Slug)));
    }
}

/// <summary>Upcoming courses for the Academy block, read once a minute or right after a change.</summary>
public sealed class CourseList(CachedReads reads, TimeProvider clock)
{
    /// <summary>The tag of the courses as read for reader pages; <see cref="CourseWriter"/> evicts it with the pages.</summary>
    public const string CacheTag = "courses";

    public async Task<IReadOnlyList<CourseCard>> UpcomingAsync(int count = 3)
    {
        var all = await reads.GetOrReadAsync(CacheTag, "upcoming", TimeSpan.FromSeconds(60), services =>
        {
            var now = clock.GetUtcNow();
            return services.GetRequiredService<WartaDb>().Courses.AsNoTracking().Where(c => c.EndsAt > now).OrderBy(c => c.StartsAt).Take(12)
                .Select(c => new CourseCard(c.Title, c.Slug, c.StartsAt, c.EndsAt, c.Price, c.Seats, c.Hashtags, c.Summary)).ToListAsync();
        });
        var at = clock.GetUtcNow();
        return all.Where(c => c.EndsAt > at).Take(count).ToList();
    }
}
