package dev.switchboard.server.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** RequiresServiceCondition enables a {@link RequiresService} class only when its services are. */
public final class RequiresServiceCondition implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    var annotation =
        context
            .getElement()
            .flatMap(element -> AnnotationSupport.findAnnotation(element, RequiresService.class));
    if (annotation.isEmpty()) {
      return ConditionEvaluationResult.enabled("no services required");
    }
    List<String> missing = new ArrayList<>();
    List<String> found = new ArrayList<>();
    for (TestService service : annotation.get().value()) {
      ServiceSelection selection = service.selection();
      (selection.available() ? found : missing).add(selection.reason());
    }
    return missing.isEmpty()
        ? ConditionEvaluationResult.enabled(String.join("; ", found))
        : ConditionEvaluationResult.disabled(String.join("; ", missing));
  }
}
