#include "widgets/knobs/FormulaReadout.h"

#include "core/Error.h"

#include <cmath>

namespace reciprocal::widgets {

namespace {

QString number(float value) { return QString::number(static_cast<double>(value), 'f', 3); }

} // namespace

FormulaReadout::FormulaReadout(QWidget* parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
}

void FormulaReadout::showFor(const SnapshotPtr& snapshot, NodeRef node)
{
    m_snapshot = snapshot;
    m_node = node;
    refresh();
}

void FormulaReadout::setProbe(std::optional<QPointF> point)
{
    m_probe = point;
    refresh();
}

void FormulaReadout::refresh()
{
    const bool usable = m_snapshot && m_snapshot->network && m_snapshot->plane && m_node.layer >= 1 &&
                        m_node.layer <= static_cast<int>(m_snapshot->transfers.size());
    if (!usable) {
        setText(m_node.layer >= 1 && m_snapshot && !m_snapshot->plane
                    ? tr("The formula read-out follows a point of the input plane: it needs a data set with two "
                         "inputs (a generated set).")
                    : QString());
        return;
    }
    const PlanePoints& points = *m_snapshot->plane->points;
    const QPointF at = m_probe.value_or(QPointF(points.test(0, 0), points.test(1, 0)));
    Eigen::MatrixXf xy(2, 1);
    xy << static_cast<float>(at.x()), static_cast<float>(at.y());
    NodeExplanation explanation;
    try {
        explanation = explainNode(*m_snapshot->network, m_node.layer - 1, m_node.node, withPlaneFeatures(xy, points.features).col(0));
    } catch (const InputError&) { // the node is gone (a pruning); the next selection will say
        setText(QString());
        return;
    }

    const Shown shown{m_node, at, explanation.preActivation, explanation.activation};
    if (m_last && m_last->node == m_node && m_last->sample == at &&
        (m_last->preActivation != shown.preActivation || m_last->activation != shown.activation))
        m_before = m_last;
    else if (!m_last || !(m_last->node == m_node) || m_last->sample != at)
        m_before.reset();
    m_last = shown;

    const bool spectral = !std::isnan(explanation.terms.front().lamOut);
    const bool twoSets = spectral && m_snapshot->transfers[static_cast<std::size_t>(m_node.layer - 1)].lamIn.size() != 0;
    QString text = tr("<b>z<sub>%1</sub> = Σ<sub>j</sub> %2 a<sub>j</sub> + b<sub>%1</sub></b> at x = (%3, %4)%5<br>")
                       .arg(m_node.node)
                       .arg(twoSets    ? QStringLiteral("φ<sub>%1j</sub> (λ<sub>in,j</sub> − λ<sub>out,%1</sub>)").arg(m_node.node)
                            : spectral ? QStringLiteral("(−λ<sub>out,%1</sub>) φ<sub>%1j</sub>").arg(m_node.node)
                                       : QStringLiteral("W<sub>%1j</sub>").arg(m_node.node))
                       .arg(at.x(), 0, 'f', 2)
                       .arg(at.y(), 0, 'f', 2)
                       .arg(m_probe ? QString() : tr(" (the first test point; hover the plane for another)"));
    text += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\"><tr><th align=\"right\">j</th>%1"
                           "<th align=\"right\">a<sub>j</sub></th><th align=\"right\">term</th></tr>")
                .arg(spectral ? QStringLiteral("<th align=\"right\">φ</th><th align=\"right\">%1</th>")
                                    .arg(twoSets ? QStringLiteral("λ<sub>in</sub>−λ<sub>out</sub>") : QStringLiteral("−λ<sub>out</sub>"))
                              : QStringLiteral("<th align=\"right\">W</th>"));
    float rest = 0.0f;
    for (std::size_t k = 0; k < explanation.terms.size(); ++k) {
        const NodeTerm& term = explanation.terms[k];
        if (k >= static_cast<std::size_t>(shownTerms)) {
            rest += term.term;
            continue;
        }
        text += QStringLiteral("<tr><td align=\"right\">%1</td>%2<td align=\"right\">%3</td><td align=\"right\">%4</td></tr>")
                    .arg(term.emitting)
                    .arg(spectral ? QStringLiteral("<td align=\"right\">%1</td><td align=\"right\">%2</td>")
                                        .arg(number(term.eigenvector), number(term.lamIn - term.lamOut))
                                  : QStringLiteral("<td align=\"right\">%1</td>").arg(number(term.weight)))
                    .arg(number(term.input), number(term.term));
    }
    text += QStringLiteral("</table>");
    if (explanation.terms.size() > static_cast<std::size_t>(shownTerms))
        text += tr("+ %1 smaller terms: %2<br>").arg(explanation.terms.size() - shownTerms).arg(number(rest));
    text += tr("+ b = %1<br>").arg(number(explanation.bias));
    const bool output = m_node.layer == static_cast<int>(m_snapshot->transfers.size());
    const QString activation = output ? tr("softmax probability") : tr("f(z)");
    text += tr("<b>z = %1</b>%2, %3 = <b>%4</b>%5")
                .arg(number(explanation.preActivation))
                .arg(m_before ? tr(" (was %1)").arg(number(m_before->preActivation)) : QString())
                .arg(activation)
                .arg(number(explanation.activation))
                .arg(m_before ? tr(" (was %1)").arg(number(m_before->activation)) : QString());
    setText(text);
}

} // namespace reciprocal::widgets
