#pragma once

#include "widgets/session/SessionSettings.h"

#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace reciprocal::widgets {

// The session's settings: data set, architecture, layer kind, activation, optimiser, learning rate,
// batch, epochs, seed and sparsity. "New session" applies them all (a fresh network); optimiser,
// learning rate, trained group and epochs also apply to the running session at once, keeping the
// weights. Values are remembered between runs (QSettings).
class SetupPanel : public QWidget {
    Q_OBJECT

public:
    explicit SetupPanel(QWidget* parent = nullptr);

    // Throws InputError for settings that cannot work (e.g. a malformed architecture).
    SessionSettings settings() const;
    void setSettings(const SessionSettings& settings);
    void saveSettings() const;
    void restoreSettings();

Q_SIGNALS:
    void newSessionRequested();
    void optimizerChanged(const reciprocal::OptimizerSettings& settings);
    void trainModeChanged(reciprocal::TrainMode mode);
    void epochsChanged(int epochs);

private:
    void adaptWidthsToDataset();
    // A generated set's teaching preset fills the fields; leaving such a set for another restores
    // the general defaults the preset replaced, other changes of set keep what the user chose.
    void applyDatasetDefaults();
    void updateDirectoryState();
    // The field's text as the number or widths it stands for; throws InputError naming the field.
    double learningRate() const;
    std::vector<int> widths() const;
    // Marks a field whose text cannot be used (and says why in its tooltip) instead of changing it.
    void checkField(QLineEdit* field, const std::function<void()>& parse, const QString& help);
    void checkLearningRate();
    void checkArchitecture();
    OptimizerSettings optimizerSettings() const;

    QComboBox* m_dataset;
    QLineEdit* m_directory;
    QPushButton* m_browse;
    QSpinBox* m_trainLimit;
    QLineEdit* m_architecture;
    QComboBox* m_layerKind;
    QComboBox* m_mode;
    QComboBox* m_activation;
    QCheckBox* m_bias;
    QComboBox* m_optimizer;
    QLineEdit* m_learningRate;
    OptimizerKind m_optimizerKind = OptimizerKind::Adam; // whose default rate a new kind replaces
    bool m_presetShown = false; // the fields hold a teaching preset
    QSpinBox* m_batch;
    QSpinBox* m_epochs;
    QSpinBox* m_seed;
    QDoubleSpinBox* m_sparsity;
};

} // namespace reciprocal::widgets
