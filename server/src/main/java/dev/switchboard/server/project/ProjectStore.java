package dev.switchboard.server.project;

import dev.switchboard.contract.project.SessionSummary;
import dev.switchboard.server.session.SessionStore;
import dev.switchboard.server.storage.Ids;
import dev.switchboard.server.storage.Timestamps;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * ProjectStore creates, finds and deletes projects; each method is one transaction, so callers
 * publish channel events only after it returns (committed).
 */
@Singleton
public class ProjectStore {

  private final ProjectRepository projects;
  private final SessionStore sessions;

  /** Creates the store over the projects table. */
  public ProjectStore(ProjectRepository projects, SessionStore sessions) {
    this.projects = projects;
    this.sessions = sessions;
  }

  /** Stores a new project; {@code path} is expected to be validated already. */
  @Transactional
  public Project create(String name, String path) {
    return projects.save(new Project(Ids.newId(), name, path, Timestamps.next()));
  }

  /** Every project, oldest first. */
  @Transactional(readOnly = true)
  public List<Project> list() {
    return projects.listOrderByCreatedAt();
  }

  /** The project with this id. */
  @Transactional(readOnly = true)
  public Optional<Project> find(String id) {
    return projects.findById(id);
  }

  /**
   * Deletes the project with its sessions and their messages (the foreign keys cascade).
   *
   * @return the sessions that were deleted with it, or empty when no project has this id
   */
  @Transactional
  public Optional<List<SessionSummary>> delete(String id) {
    if (!projects.existsById(id)) {
      return Optional.empty();
    }
    List<SessionSummary> deleted = sessions.list(id);
    projects.deleteById(id);
    return Optional.of(deleted);
  }
}
