#include "widgets/knobs/FormulaReadout.h"

#include "core/Error.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QPixmap>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>
#include <numeric>

namespace reciprocal::widgets {

namespace {

QString number(float value) { return QString::number(static_cast<double>(value), 'f', 3); }

// A sample drawn as the data set shapes it: grey levels for {rows, columns}, colour for
// {3, rows, columns} (channel planes); a null image for any other shape.
QImage sampleImage(const Vector<float>& sample, const std::vector<int>& shape)
{
    const int size = std::accumulate(shape.begin(), shape.end(), 1, std::multiplies<>());
    if (size != sample.size() || !(shape.size() == 2 || (shape.size() == 3 && shape[0] == 3)))
        return {};
    const int rows = shape[shape.size() - 2];
    const int columns = shape.back();
    const bool colour = shape.size() == 3;
    QImage image(columns, rows, QImage::Format_RGB32);
    const auto level = [&](int channel, int row, int column) {
        const float value = sample((channel * rows + row) * columns + column);
        return static_cast<int>(std::lround(255.0f * std::clamp(value, 0.0f, 1.0f)));
    };
    for (int row = 0; row < rows; ++row) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(row));
        for (int column = 0; column < columns; ++column)
            line[column] = colour ? qRgb(level(0, row, column), level(1, row, column), level(2, row, column))
                                  : qRgb(level(0, row, column), level(0, row, column), level(0, row, column));
    }
    return image;
}

} // namespace

FormulaReadout::FormulaReadout(QWidget* parent)
    : QWidget(parent)
    , m_sampleIndex(new QSpinBox(this))
    , m_picture(new QLabel(this))
    , m_caption(new QLabel(this))
    , m_text(new QLabel(this))
{
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caption->setWordWrap(true);
    m_picture->setObjectName(QStringLiteral("probeImage"));
    m_caption->setObjectName(QStringLiteral("probeCaption"));
    m_sampleIndex->setPrefix(tr("Test image "));
    m_sampleIndex->setToolTip(tr("The test sample the formula is read for"));
    auto* sampleRow = new QHBoxLayout;
    sampleRow->addWidget(m_picture);
    auto* sampleColumn = new QVBoxLayout;
    sampleColumn->addWidget(m_sampleIndex);
    sampleColumn->addWidget(m_caption);
    sampleRow->addLayout(sampleColumn, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(sampleRow);
    layout->addWidget(m_text);
    showSampleControls(false);
    connect(m_sampleIndex, &QSpinBox::valueChanged, this, &FormulaReadout::refresh);
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

void FormulaReadout::setProbeSample(int index) { m_sampleIndex->setValue(index); }

QString FormulaReadout::text() const { return m_text->text(); }

void FormulaReadout::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        refresh(); // the columns' gaps are in em, fixed when the text is set
    QWidget::changeEvent(event);
}

void FormulaReadout::showSampleControls(bool shown)
{
    m_sampleIndex->setVisible(shown);
    m_picture->setVisible(shown);
    m_caption->setVisible(shown);
}

std::optional<FormulaReadout::Sample> FormulaReadout::chosenSample()
{
    if (m_snapshot->plane) {
        const PlanePoints& points = *m_snapshot->plane->points;
        const QPointF at = m_probe.value_or(QPointF(points.test(0, 0), points.test(1, 0)));
        Eigen::MatrixXf xy(2, 1);
        xy << static_cast<float>(at.x()), static_cast<float>(at.y());
        return Sample{withPlaneFeatures(xy, points.features).col(0), at,
                      tr("at x = (%1, %2)%3")
                          .arg(at.x(), 0, 'f', 2)
                          .arg(at.y(), 0, 'f', 2)
                          .arg(m_probe ? QString() : tr(" (the first test point; hover the plane for another)"))};
    }
    const Dataset& samples = *m_snapshot->probeSamples;
    if (samples.sampleCount() == 0)
        return std::nullopt;
    {
        const QSignalBlocker quiet(m_sampleIndex);
        m_sampleIndex->setRange(0, samples.sampleCount() - 1);
    }
    const int index = m_sampleIndex->value();
    Sample sample{samples.features.col(index), QPointF(index, 0), tr("for test image %1").arg(index)};
    if (m_pictured != std::pair(&samples, index)) { // drawn once per image, not per snapshot
        m_pictured = {&samples, index};
        const QImage image = sampleImage(sample.input, samples.sampleShape);
        m_picture->setPixmap(image.isNull() ? QPixmap()
                                            : QPixmap::fromImage(image.scaled(2 * image.width(), 2 * image.height())));
    }
    Network<float>::ForwardBuffers buffers;
    Eigen::Index predicted = 0;
    const Matrix<float>& logits = m_snapshot->network->forward(sample.input, buffers);
    logits.col(0).maxCoeff(&predicted);
    m_caption->setText(tr("class %1, predicted %2").arg(samples.labels[static_cast<std::size_t>(index)]).arg(predicted));
    return sample;
}

bool FormulaReadout::pixels() const
{
    return m_node.layer == 1 && m_snapshot->probeSamples && m_snapshot->sampleShape.size() >= 2;
}

QString FormulaReadout::inputName(int input) const
{
    if (!pixels())
        return QString::number(input);
    const int columns = m_snapshot->sampleShape.back();
    const int pixel = input % (m_snapshot->sampleShape[m_snapshot->sampleShape.size() - 2] * columns);
    return QStringLiteral("(%1,%2)").arg(pixel / columns).arg(pixel % columns);
}

void FormulaReadout::refresh()
{
    const bool selected = m_snapshot && m_node.layer >= 1 && m_node.layer <= static_cast<int>(m_snapshot->transfers.size());
    const bool usable = selected && m_snapshot->network && (m_snapshot->plane || m_snapshot->probeSamples);
    showSampleControls(usable && !m_snapshot->plane);
    if (!usable) {
        m_text->setText(selected ? tr("The formula read-out needs a network of at most %L1 parameters.")
                                       .arg(TrainingSnapshot::maximumFormulaParameters)
                                 : QString());
        return;
    }
    const std::optional<Sample> sample = chosenSample();
    if (!sample) {
        m_text->setText(tr("The test set is empty: there is no sample to read the formula for."));
        return;
    }
    const QPointF at = sample->point;
    NodeExplanation explanation;
    try {
        explanation = explainNode(*m_snapshot->network, m_node.layer - 1, m_node.node, sample->input);
    } catch (const InputError&) { // the node is gone (a pruning); the next selection will say
        m_text->setText(QString());
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
    QString text = tr("<b>z<sub>%1</sub> = Σ<sub>j</sub> %2 a<sub>j</sub> + b<sub>%1</sub></b> %3<br>")
                       .arg(m_node.node)
                       .arg(twoSets    ? QStringLiteral("φ<sub>%1j</sub> (λ<sub>in,j</sub> − λ<sub>out,%1</sub>)").arg(m_node.node)
                            : spectral ? QStringLiteral("(−λ<sub>out,%1</sub>) φ<sub>%1j</sub>").arg(m_node.node)
                                       : QStringLiteral("W<sub>%1j</sub>").arg(m_node.node))
                       .arg(sample->where);
    // A gap between the columns, in the label's font (classroom mode scales it), so that a minus
    // sign never touches the number of the column before; no more, as the table fills the knob
    // panel's width in classroom mode. A number never breaks at its decimal point.
    text += QStringLiteral("<style>td, th { padding-left: 0.3em; white-space: nowrap }</style>"
                           "<table cellspacing=\"0\" cellpadding=\"0\"><tr><th align=\"right\" style=\"padding-left: 0\">%1</th>%2"
                           "<th align=\"right\">a<sub>j</sub></th><th align=\"right\">term</th></tr>")
                .arg(pixels() ? tr("pixel") : QStringLiteral("j"))
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
        text += QStringLiteral("<tr><td align=\"right\" style=\"padding-left: 0\">%1</td>%2<td align=\"right\">%3</td><td align=\"right\">%4</td></tr>")
                    .arg(inputName(term.emitting))
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
    m_text->setText(text);
}

} // namespace reciprocal::widgets
