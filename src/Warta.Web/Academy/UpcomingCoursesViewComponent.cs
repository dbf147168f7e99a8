using Microsoft.AspNetCore.Mvc;

namespace Warta.Web.Academy;

/// <summary>The sidebar's Academy block: the next courses, or nothing when none is coming.</summary>
public sealed class UpcomingCoursesViewComponent(CourseList courses) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        await courses.UpcomingAsync() is { Count: > 0 } upcoming ? View("/Academy/_UpcomingCourses.cshtml", upcoming) : Content("");
}
