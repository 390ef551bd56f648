package org.lyncrunbooks.bootstrap;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_ApplyReviewDecision}: the held instance continues or ends, as decided. */
@Component
class ApplyReviewDecisionDelegate implements JavaDelegate {

    private final RestoredInstanceReviews reviews;

    ApplyReviewDecisionDelegate(RestoredInstanceReviews reviews) {
        this.reviews = reviews;
    }

    @Override
    public void execute(DelegateExecution execution) {
        reviews.apply(BootstrapVariables.restoredInstanceId(execution), BootstrapVariables.reviewDecision(execution),
                BootstrapVariables.reviewReason(execution));
    }
}
